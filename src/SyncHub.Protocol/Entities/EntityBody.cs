using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>
/// The typed body of an entity. Every body keeps the fields it does not know in <see cref="Extra"/>, so a body
/// written by a newer client passes through an older hub or client without losing anything.
/// </summary>
public abstract class EntityBody
{
    /// <summary>One of <see cref="EntityKinds"/>: the kind this body belongs to.</summary>
    [JsonIgnore] public abstract string Kind { get; }

    /// <summary>Position among the siblings under the same parent (see <see cref="EntityRank"/>); null sorts last.</summary>
    [JsonPropertyName("rank"), JsonPropertyOrder(1)] public string? Rank { get; set; }

    /// <summary>Fields this version does not know, kept as they came.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}
