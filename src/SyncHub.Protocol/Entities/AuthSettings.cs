using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>
/// How a request authenticates. Postman keeps the attributes under a field named after the type
/// (<c>{"type":"bearer","bearer":[...]}</c>); here they are always under <see cref="Attributes"/>.
/// </summary>
public sealed class AuthSettings : EntityPart
{
    /// <summary>One of <see cref="AuthTypes"/> (others are kept as they came); required.</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = string.Empty;

    /// <summary>The settings of that type (token, username, ...).</summary>
    [JsonPropertyName("attributes")] public AuthParameter[]? Attributes { get; set; }
}
