using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A body that is one whole file.</summary>
public sealed class FileBody : EntityPart
{
    /// <summary>The file's name or path on the device that chose it; null when none is chosen.</summary>
    [JsonPropertyName("src")] public string? Src { get; set; }
}
