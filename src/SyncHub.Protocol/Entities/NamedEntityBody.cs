using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A body whose entity a person names: every kind but the variables and runs.</summary>
public abstract class NamedEntityBody : EntityBody
{
    /// <summary>The name shown to a person; required, not blank.</summary>
    [JsonPropertyName("name"), JsonPropertyOrder(-1)] public string Name { get; set; } = string.Empty;
}
