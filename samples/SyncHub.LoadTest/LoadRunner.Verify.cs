using System.Diagnostics;
using SyncHub.Client;
using SyncHub.LoadTest.Internal;

namespace SyncHub.LoadTest;

public sealed partial class LoadRunner
{
    /// <summary>
    /// Waits until every outbox is empty, then until every device holds every change of the run, then until every device
    /// is in sync. Returns when each happened, measured from the start of the write phase.
    /// </summary>
    private async Task<(bool Drained, TimeSpan OutboxesEmpty, TimeSpan LastDelivery)> DrainAsync(Stopwatch sinceWrite, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var started = _devices.Where(d => d.Started).ToList();
        bool Left() => deadline.Elapsed < _options.DrainTimeout;

        while (started.Any(d => d.Client.Status.PendingChanges > 0) && Left()) await Task.Delay(10, ct).ConfigureAwait(false);
        var outboxesEmpty = sinceWrite.Elapsed;

        var expected = started.GroupBy(d => d.Account).ToDictionary(g => g.Key, g => g.ToList());
        bool AllDelivered() => started.All(d =>
        {
            var others = expected[d.Account].Where(o => o != d).Sum(o => o.Written.Count);
            return d.Deliveries.Count >= others;
        });
        while (!AllDelivered() && Left()) await Task.Delay(20, ct).ConfigureAwait(false);
        var lastDelivery = sinceWrite.Elapsed;

        var remaining = _options.DrainTimeout - deadline.Elapsed;
        var inSync = remaining > TimeSpan.Zero && await WaitAllInSyncAsync(remaining, ct).ConfigureAwait(false);
        return (inSync && AllDelivered(), outboxesEmpty, lastDelivery);
    }

    /// <summary>
    /// Records each device's final state, reloads one device per account from the hub (the hub's state, through the
    /// same library), and checks every delivery and every state against it.
    /// </summary>
    private async Task<Verification> VerifyAsync(bool drained, CancellationToken ct)
    {
        var verifier = new Verifier();
        foreach (var account in _devices.Where(d => d.Started).GroupBy(d => d.Account))
        {
            var devices = account.ToList();
            var records = new List<DeviceRecord>(devices.Count);
            foreach (var device in devices)
            {
                device.StopRecording();
                var failed = device.Client.GetFailedChanges();
                foreach (var f in failed) _metrics.Error(f.Code);
                records.Add(new DeviceRecord(device.Name, device.Written, device.Deliveries, StateOf(device.Client, device.WorkspaceId),
                    failed.Select(f => f.EntityId).ToHashSet(StringComparer.Ordinal)));
            }
            var reader = devices[0];
            try
            {
                await reader.Client.ReloadAsync(ct).WaitAsync(_options.DrainTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new LoadException($"{reader.Name} could not reload the hub's state within {_options.DrainTimeout.TotalSeconds:0} s.");
            }
            verifier.CheckAccount($"account {account.Key}", records, StateOf(reader.Client, reader.WorkspaceId));
        }
        return verifier.Result(drained);
    }

    private static Dictionary<string, EntityState> StateOf(SyncClient client, string workspaceId) =>
        client.GetEntities(workspaceId).ToDictionary(e => e.Id, e => new EntityState(e.ParentId, e.Version, e.Body), StringComparer.Ordinal);
}
