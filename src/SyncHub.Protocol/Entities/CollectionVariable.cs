using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A variable of a collection or folder, kept inside its body (unlike environment and global variables, which are entities).</summary>
public sealed class CollectionVariable : EntityPart
{
    /// <summary>The name used in <c>{{key}}</c>; required.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary>The value, as text.</summary>
    [JsonPropertyName("value")] public string? Value { get; set; }

    /// <summary>Postman's type: string, boolean, any, number.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>True when the variable is kept but not used; null means false.</summary>
    [JsonPropertyName("disabled")] public bool? Disabled { get; set; }

    /// <summary>Text for a person.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
}
