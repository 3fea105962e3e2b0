namespace SyncHub.Bench;

/// <summary>What one run of the benchmark measures.</summary>
internal enum BenchScenario
{
    /// <summary>The hub comparison, then the restore, then the import.</summary>
    All,

    /// <summary>Peak throughput in rounds and fan-out latency, bare SignalR hub against SyncHub.</summary>
    Throughput,

    /// <summary>A new device restoring a 10,000-entity workspace with the real connection library.</summary>
    Restore,

    /// <summary>A 5,000-request Postman collection imported on one device (library and hub paths) until another device holds it.</summary>
    Import,

    /// <summary>
    /// A SyncHub cluster (nodes on Redis), SyncHub on SQLite and a bare SignalR hub on the Redis backplane, under the
    /// same load in interleaved rounds, with the bench's own redis-server. Not part of <see cref="All"/>.
    /// </summary>
    Cluster,
}
