using System.Diagnostics;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench.Driver;

/// <summary>Every device of every account of one target, connected and subscribed.</summary>
internal sealed class LoadDriver : IAsyncDisposable
{
    private readonly List<BenchDevice> _devices;
    private readonly List<ChangeTracker> _trackers = [];

    private LoadDriver(List<BenchDevice> devices, int accounts, int devicesPerAccount, Func<CommitCounters?> readCommitCounters, ProcessUsage? helper)
    {
        ReadCommitCounters = readCommitCounters;
        Helper = helper;
        _devices = devices;
        Accounts = accounts;
        DevicesPerAccount = devicesPerAccount;
        Writers = devices.Where(d => d.IsWriter).OrderBy(d => d.Account.Index).ToArray();
    }

    public Func<CommitCounters?> ReadCommitCounters { get; }

    /// <summary>The target's other process (redis-server), measured apart; null when there is none.</summary>
    public ProcessUsage? Helper { get; }

    public int Accounts { get; }

    public int DevicesPerAccount { get; }

    public IReadOnlyList<BenchDevice> Writers { get; }

    /// <summary>Connections that closed during the run.</summary>
    public int ClosedConnections => _devices.Sum(d => d.ClosedCount);

    public static async Task<LoadDriver> ConnectAsync(IBenchTarget target, IReadOnlyList<BenchAccount> accounts, int devicesPerAccount, int payloadBytes, CancellationToken cancellationToken)
    {
        var devices = new List<BenchDevice>(accounts.Count * devicesPerAccount);
        foreach (var account in accounts)
        {
            var body = RequestPayload.Create(account.Index, payloadBytes);
            for (var d = 0; d < devicesPerAccount; d++) devices.Add(new BenchDevice(target.HubUrlFor(account.Index, d), account, d, body));
        }
        var driver = new LoadDriver(devices, accounts.Count, devicesPerAccount, target.ReadCommitCounters, target.Helper);
        try
        {
            await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (device, ct) => await device.ConnectAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
            await Parallel.ForEachAsync(driver.Writers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (writer, ct) => await writer.CreateCollectionAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch
        {
            await driver.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return driver;
    }

    public ChangeTracker NewTracker(string tag)
    {
        var tracker = new ChangeTracker(tag, Accounts, DevicesPerAccount - 1);
        _trackers.Add(tracker);
        foreach (var device in _devices) device.Track(tracker);
        return tracker;
    }

    /// <summary>Waits until every applied change reached every other device, or the timeout; returns how long that took.</summary>
    public static async Task<TimeSpan> DrainAsync(ChangeTracker tracker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (!tracker.LooksFullyDelivered() && Stopwatch.GetElapsedTime(start) < timeout)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Compares each workspace's head seq in the hub's store with the changes the hub acknowledged in every phase so far.</summary>
    public async Task<StoreCheck> CheckStoreAsync(CancellationToken cancellationToken)
    {
        long expected = 0, stored = 0;
        var matching = 0;
        foreach (var writer in Writers)
        {
            // One for the collection made at setup.
            var applied = 1 + _trackers.Sum(t => t.AppliedFor(writer.Account.Index));
            var head = await writer.GetHeadSeqAsync(cancellationToken).ConfigureAwait(false);
            expected += applied;
            stored += head;
            if (head == applied) matching++;
        }
        return new StoreCheck(Writers.Count, matching, expected, stored);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices) device.Track(null);
        await Parallel.ForEachAsync(_devices, async (device, _) => await device.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
    }
}
