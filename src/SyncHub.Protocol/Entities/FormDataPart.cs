using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>One part of a multipart/form-data body: a text value or a file.</summary>
public sealed class FormDataPart : EntityPart
{
    /// <summary>The field name; required.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary>One of <see cref="FormDataPartTypes"/>; null means text.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>Text part: the value.</summary>
    [JsonPropertyName("value")] public string? Value { get; set; }

    /// <summary>File part: the file's name or path on the device that chose it (one file per part).</summary>
    [JsonPropertyName("src")] public string? Src { get; set; }

    /// <summary>Overrides the part's Content-Type.</summary>
    [JsonPropertyName("contentType")] public string? ContentType { get; set; }

    /// <summary>True when the part is kept but not sent; null means false.</summary>
    [JsonPropertyName("disabled")] public bool? Disabled { get; set; }

    /// <summary>Text for a person.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
}
