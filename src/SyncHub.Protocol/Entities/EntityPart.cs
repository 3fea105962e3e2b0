using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A nested object of a body (a header, an auth setting, a run result, ...). Keeps unknown fields like <see cref="EntityBody"/>.</summary>
public abstract class EntityPart
{
    /// <summary>Fields this version does not know, kept as they came.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}
