namespace SyncHub.Bench;

/// <summary>What one benchmark run does; every figure has a default that keeps the whole run near two minutes on 2 cores.</summary>
internal sealed record BenchOptions
{
    public int Accounts { get; init; } = 100;

    /// <summary>Devices per account: the first writes, the others only receive.</summary>
    public int DevicesPerAccount { get; init; } = 3;

    /// <summary>Mutate calls each writer keeps in flight during the throughput phase.</summary>
    public int InFlight { get; init; } = 2;

    /// <summary>Mutations per Mutate call.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Target UTF-8 size of each request body (JSON).</summary>
    public int PayloadBytes { get; init; } = 500;

    /// <summary>Which measurements run: the hub comparison, the restore of a big workspace, or both.</summary>
    public BenchScenario Scenario { get; init; } = BenchScenario.All;

    /// <summary>Shared warm-up: closed-loop load on each target before the first measured round, not measured.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Phase 1 rounds: each round measures every target once, one after the other.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Unmeasured load at the start of every round, so the window starts at a steady state.</summary>
    public TimeSpan RoundWarmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Measured window of one round on one target.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan LatencyWarmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Latency phase rate as a fraction of the bare hub's peak.</summary>
    public double LatencyRateFraction { get; init; } = 0.5;

    /// <summary>Fixed latency phase rate (changes/s over all writers); overrides the fraction when set.</summary>
    public double? LatencyRate { get; init; }

    /// <summary>How long to wait after a phase for outstanding pushes before counting the missing ones.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public bool RunBare { get; init; } = true;

    public bool RunSyncHub { get; init; } = true;

    /// <summary>Markdown file the results section is appended to; null writes none.</summary>
    public string? ResultsPath { get; init; }

    /// <summary>JSON file the headline figures of the throughput and cluster scenarios are written to; null writes none.</summary>
    public string? JsonPath { get; init; }

    /// <summary>The command line as the person typed it, for the results section.</summary>
    public string Command { get; init; } = string.Empty;

    public bool KeepData { get; init; }

    /// <summary>Restore: collections of the seeded workspace.</summary>
    public int RestoreCollections { get; init; } = 100;

    /// <summary>Restore: requests per collection (100 × 99 + 100 collections = 10,000 entities).</summary>
    public int RestoreRequestsPerCollection { get; init; } = 99;

    /// <summary>Restore: UTF-8 size of each request body.</summary>
    public int RestorePayloadBytes { get; init; } = 300;

    /// <summary>Restore: how many fresh profiles restore the workspace, one after the other.</summary>
    public int RestoreRepeats { get; init; } = 3;

    /// <summary>Import: requests of the generated collection.</summary>
    public int ImportRequests { get; init; } = 5000;

    /// <summary>Import: folders the requests are spread over.</summary>
    public int ImportFolders { get; init; } = 50;

    /// <summary>Import: how many times each path (library, hub) imports the file.</summary>
    public int ImportRepeats { get; init; } = 2;

    /// <summary>Cluster scenario: hub nodes of the SyncHub cluster and of the bare backplane hub.</summary>
    public int ClusterNodes { get; init; } = 2;

    /// <summary>Cluster scenario: the AOF fsync policy of the bench's redis-server (<c>always</c>: an acknowledged change is on disk, as on SQLite).</summary>
    public string RedisAppendFsync { get; init; } = "always";

    /// <summary>Cluster scenario, diagnostic: the cluster's publish loop does not wait for each backplane send (<see cref="Cluster.PipelinedChangePublisher"/>).</summary>
    public bool PipelinedPublish { get; init; }

    public bool RunsCluster => Scenario is BenchScenario.Cluster;

    public bool RunsThroughput => Scenario is BenchScenario.All or BenchScenario.Throughput;

    public bool RunsRestore => Scenario is BenchScenario.All or BenchScenario.Restore;

    public bool RunsImport => Scenario is BenchScenario.All or BenchScenario.Import;
}
