namespace SyncHub.Bench.Targets;

/// <summary>A hub the driver measures: started in this process, with accounts whose devices can connect.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Short name for tables.</summary>
    string Name { get; }

    /// <summary>Whether the target keeps changes, so that the driver can check what it stored.</summary>
    bool HasStore { get; }

    /// <summary>The hub endpoint; valid after <see cref="StartAsync"/>.</summary>
    Uri HubUrl { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<BenchAccount>> ProvisionAccountsAsync(int accounts, int devicesPerAccount, CancellationToken cancellationToken);

    /// <summary>The hub's own commit counters, or null for a hub without a store.</summary>
    CommitCounters? ReadCommitCounters();

    /// <summary>A line about what the target left behind (store size), or null.</summary>
    string? DescribeStorage();
}
