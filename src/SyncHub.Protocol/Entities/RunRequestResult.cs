using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>What happened to one request of a collection run.</summary>
public sealed class RunRequestResult : EntityPart
{
    /// <summary>The request entity run; required.</summary>
    [JsonPropertyName("requestId")] public string RequestId { get; set; } = string.Empty;

    /// <summary>The request's name at the time of the run.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>The response's status text, e.g. "OK".</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>The response's status code; null when no response came.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }

    /// <summary>Milliseconds until the response.</summary>
    [JsonPropertyName("responseTime")] public long? ResponseTime { get; set; }

    /// <summary>Why no response came (a network error), or null.</summary>
    [JsonPropertyName("error")] public string? Error { get; set; }

    /// <summary>The request's test results.</summary>
    [JsonPropertyName("tests")] public RunTestResult[]? Tests { get; set; }
}
