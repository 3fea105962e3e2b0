using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>Counts over a whole collection run.</summary>
public sealed class RunTotals : EntityPart
{
    /// <summary>Requests sent.</summary>
    [JsonPropertyName("requests")] public int? Requests { get; set; }

    /// <summary>Requests that got no response (network errors).</summary>
    [JsonPropertyName("failedRequests")] public int? FailedRequests { get; set; }

    /// <summary>Tests run.</summary>
    [JsonPropertyName("tests")] public int? Tests { get; set; }

    /// <summary>Tests that passed.</summary>
    [JsonPropertyName("passedTests")] public int? PassedTests { get; set; }

    /// <summary>Tests that failed.</summary>
    [JsonPropertyName("failedTests")] public int? FailedTests { get; set; }

    /// <summary>Sum of the response times, milliseconds.</summary>
    [JsonPropertyName("totalResponseTime")] public long? TotalResponseTime { get; set; }
}
