using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.HeaderPreset"/>: a named set of headers to add to a request at once.</summary>
public sealed class HeaderPresetEntity : NamedEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.HeaderPreset;

    /// <summary>The headers of the preset.</summary>
    [JsonPropertyName("headers")] public KeyValueEntry[]? Headers { get; set; }
}
