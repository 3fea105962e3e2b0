using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A variable: an environment variable or a global variable. It has a <see cref="Key"/>, not a name.</summary>
public abstract class VariableEntityBody : EntityBody
{
    /// <summary>The variable's name as used in <c>{{key}}</c>; required, not blank.</summary>
    [JsonPropertyName("key"), JsonPropertyOrder(-1)] public string Key { get; set; } = string.Empty;

    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public string? Value { get; set; }

    /// <summary>One of <see cref="VariableTypes"/>; null means <see cref="VariableTypes.Default"/>.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>Whether the variable is used; null means enabled.</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }

    /// <summary>Whether the variable is used (<see cref="Enabled"/>, null counting as true).</summary>
    [JsonIgnore] public bool IsEnabled => Enabled ?? true;
}
