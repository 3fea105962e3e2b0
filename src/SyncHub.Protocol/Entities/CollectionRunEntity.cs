using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.CollectionRun"/>: the results of running a collection. Its collection is the entity's parentId.</summary>
public sealed class CollectionRunEntity : EntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.CollectionRun;

    /// <summary>An optional label for the run.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>The environment the run used, or null.</summary>
    [JsonPropertyName("environmentId")] public string? EnvironmentId { get; set; }

    /// <summary>When the run started, Unix milliseconds; required.</summary>
    [JsonPropertyName("startedAt")] public long StartedAt { get; set; }

    /// <summary>When the run finished, Unix milliseconds; null while it runs or when it was stopped.</summary>
    [JsonPropertyName("finishedAt")] public long? FinishedAt { get; set; }

    /// <summary>Counts over the whole run.</summary>
    [JsonPropertyName("totals")] public RunTotals? Totals { get; set; }

    /// <summary>Each request run, in order.</summary>
    [JsonPropertyName("results")] public RunRequestResult[]? Results { get; set; }
}
