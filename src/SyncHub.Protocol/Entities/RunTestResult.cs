using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>One test (a <c>pm.test</c>) of a request in a collection run.</summary>
public sealed class RunTestResult : EntityPart
{
    /// <summary>The test's name; required.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>Whether it passed; required.</summary>
    [JsonPropertyName("passed")] public bool Passed { get; set; }

    /// <summary>The assertion's message when it failed.</summary>
    [JsonPropertyName("error")] public string? Error { get; set; }
}
