using SyncHub.Bench.Driver;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench.Reporting;

/// <summary>Everything measured against one target.</summary>
internal sealed record TargetResult
{
    public required string Target { get; init; }

    public required TimeSpan Setup { get; init; }

    public required PhaseResult Throughput { get; init; }

    public required PhaseResult Latency { get; init; }

    /// <summary>Phase 2b, run only when the target could not keep up with the shared phase 2 rate: the same at a fraction of its own peak.</summary>
    public PhaseResult? SustainableLatency { get; init; }

    /// <summary>Null for a target without a store.</summary>
    public StoreCheck? Store { get; init; }

    public string? Storage { get; init; }

    /// <summary>The hub's commit counters at the end of the run (null without a store).</summary>
    public CommitCounters? Commits { get; init; }

    public int ClosedConnections { get; init; }
}
