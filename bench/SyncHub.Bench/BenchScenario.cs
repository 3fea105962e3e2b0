namespace SyncHub.Bench;

/// <summary>What one run of the benchmark measures.</summary>
internal enum BenchScenario
{
    /// <summary>The hub comparison, then the restore.</summary>
    All,

    /// <summary>Peak throughput in rounds and fan-out latency, bare SignalR hub against SyncHub.</summary>
    Throughput,

    /// <summary>A new device restoring a 10,000-entity workspace with the real connection library.</summary>
    Restore,
}
