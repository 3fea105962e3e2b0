namespace SyncHub.Bench.Targets;

/// <summary>A hub the driver measures: started in this process, with accounts whose devices can connect.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Short name for tables.</summary>
    string Name { get; }

    /// <summary>Whether the target keeps changes, so that the driver can check what it stored.</summary>
    bool HasStore { get; }

    /// <summary>The hub endpoint (of the first node); valid after <see cref="StartAsync"/>.</summary>
    Uri HubUrl { get; }

    /// <summary>The hub nodes the target runs (1 but for a cluster).</summary>
    int Nodes => 1;

    /// <summary>
    /// The process besides this one the target depends on (redis-server), whose CPU and disk counters are shown apart;
    /// null when there is none.
    /// </summary>
    ProcessUsage? Helper => null;

    /// <summary>
    /// Where a device connects: on a cluster, device d of account a goes to node (a + d) mod nodes, so that every
    /// account has devices on more than one node and its pushes cross the backplane.
    /// </summary>
    Uri HubUrlFor(int accountIndex, int deviceIndex) => HubUrl;

    Task StartAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<BenchAccount>> ProvisionAccountsAsync(int accounts, int devicesPerAccount, CancellationToken cancellationToken);

    /// <summary>The hub's own commit counters (summed over its nodes), or null for a hub without a store.</summary>
    CommitCounters? ReadCommitCounters();

    /// <summary>A line about what the target left behind (store size), or null.</summary>
    Task<string?> DescribeStorageAsync();
}
