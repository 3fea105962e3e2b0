using SyncHub.Bench.Driver;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench.Reporting;

/// <summary>Everything measured against one target.</summary>
internal sealed record TargetResult
{
    public required string Target { get; init; }

    public required TimeSpan Setup { get; init; }

    /// <summary>Phase 1 of every round, in order.</summary>
    public required IReadOnlyList<PhaseResult> Rounds { get; init; }

    /// <summary>Phase 1 of the median round (by accepted changes/s), for the detail rows.</summary>
    public PhaseResult Throughput => Rounds.OrderBy(r => r.Window.AppliedPerSecond).ElementAt((Rounds.Count - 1) / 2);

    /// <summary>Median of the rounds' accepted changes/s.</summary>
    public double MedianPeak => Median(Rounds.Select(r => r.Window.AppliedPerSecond));

    /// <summary>The unmeasured shared warm-up (its deliveries are still audited).</summary>
    public required PhaseResult Warmup { get; init; }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public required PhaseResult Latency { get; init; }

    /// <summary>Phase 2b, run only when the target could not keep up with the shared phase 2 rate: the same at a fraction of its own peak.</summary>
    public PhaseResult? SustainableLatency { get; init; }

    /// <summary>Null for a target without a store.</summary>
    public StoreCheck? Store { get; init; }

    public string? Storage { get; init; }

    /// <summary>The hub's commit counters at the end of the run (null without a store).</summary>
    public CommitCounters? Commits { get; init; }

    public int ClosedConnections { get; init; }

    /// <summary>Redis commands per accepted change over the phase 1 rounds (cluster scenario), most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, double>>? RedisCommandsPerChange { get; init; }
}
