using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A header, query parameter, path variable or urlencoded field.</summary>
public sealed class KeyValueEntry : EntityPart
{
    /// <summary>The name; required (may be empty while a person types).</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public string? Value { get; set; }

    /// <summary>True when the entry is kept but not sent; null means false.</summary>
    [JsonPropertyName("disabled")] public bool? Disabled { get; set; }

    /// <summary>Text for a person.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
}
