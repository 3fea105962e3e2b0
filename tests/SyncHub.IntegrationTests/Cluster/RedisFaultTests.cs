using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests.Cluster;

/// <summary>
/// Redis failing under a running cluster: two hub processes on a real redis-server, devices of one account on different
/// nodes. Nothing acknowledged is lost, nothing is applied twice, and neither nodes nor devices need a restart.
/// </summary>
[Trait("Store", "Redis")]
public sealed class RedisFaultTests
{
    [Fact]
    public async Task While_redis_is_unreachable_edits_stay_in_the_outbox_and_are_sent_when_it_is_back()
    {
        await using var cluster = await HubCluster.StartAsync(2);
        await cluster.WithOutputOnFailureAsync(() => UnreachableAsync(cluster));
    }

    private static async Task UnreachableAsync(HubCluster cluster)
    {
        var account = await TestAccounts.CreateAsync(cluster.Urls[0]);
        await using var onA = await TestDevice.SignInAsync(cluster.Urls[0], account, configure: PatientOutbox, deviceName: "on A");
        await using var onB = await TestDevice.SignInAsync(cluster.Urls[1], account, configure: PatientOutbox, deviceName: "on B");
        var collection = await onA.Client.CreateAsync(EntityKinds.Collection, null, Named("Before the outage"));
        await onB.UntilAsync(c => c.GetEntity(collection) is not null, "node B's device to get the collection through Redis");
        // Both connected all the way (their catch-up done): the outage starts on a working cluster.
        await onA.InSyncAsync();
        await onB.InSyncAsync();

        await cluster.Redis.PauseAsync();
        string offA, offB;
        try
        {
            offA = await onA.Client.CreateAsync(EntityKinds.Request, collection, Request("Made on A during the outage"));
            offB = await onB.Client.CreateAsync(EntityKinds.Request, collection, Request("Made on B during the outage"));
            // The hub answers, but cannot store: each device is told 'unavailable' and keeps the edit for a retry.
            foreach (var (device, id) in new[] { (onA, offA), (onB, offB) })
            {
                // A refused attempt changes no status (the device stays Online, syncing), so this is polled.
                await TestWait.UntilAsync(() => device.Client.GetOutbox().Any(p => p.EntityId == id && p.LastError?.Contains(ErrorCodes.Unavailable, StringComparison.Ordinal) == true),
                    "the device to be told 'unavailable' and keep its edit", TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            await cluster.Redis.ResumeAsync();
        }

        await onA.InSyncAsync(TimeSpan.FromSeconds(60));
        await onB.InSyncAsync(TimeSpan.FromSeconds(60));
        await onA.UntilAsync(c => c.GetEntity(offB) is not null, "A to get B's outage edit");
        await onB.UntilAsync(c => c.GetEntity(offA) is not null, "B to get A's outage edit");
        await AssertConvergedAsync(cluster, account, onA, onB);
    }

    [Fact]
    public async Task A_redis_restart_with_aof_loses_nothing_acknowledged_and_the_nodes_recover_on_their_own()
    {
        await using var cluster = await HubCluster.StartAsync(2);
        await cluster.WithOutputOnFailureAsync(() => RestartAsync(cluster));
    }

    private static async Task RestartAsync(HubCluster cluster)
    {
        var account = await TestAccounts.CreateAsync(cluster.Urls[0]);
        await using var onA = await TestDevice.SignInAsync(cluster.Urls[0], account, configure: PatientOutbox, deviceName: "on A");
        await using var onB = await TestDevice.SignInAsync(cluster.Urls[1], account, configure: PatientOutbox, deviceName: "on B");
        var collection = await onA.Client.CreateAsync(EntityKinds.Collection, null, Named("Kept"));
        await onB.UntilAsync(c => c.GetEntity(collection) is not null, "node B's device to get the collection");
        var acknowledged = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            acknowledged.Add(await (i % 2 == 0 ? onA : onB).Client.CreateAsync(EntityKinds.Request, collection, Request($"Before restart {i}")));
        }
        await onA.InSyncAsync();
        await onB.InSyncAsync();

        // A crash (SIGKILL), not a clean shutdown: only the append-only file brings the data back.
        await cluster.Redis.KillAsync();
        var during = await onB.Client.CreateAsync(EntityKinds.Request, collection, Request("Made while Redis was down"));
        await cluster.Redis.RestartAsync();

        var after = await onA.Client.CreateAsync(EntityKinds.Request, collection, Request("After restart"));
        await onA.InSyncAsync(TimeSpan.FromSeconds(60));
        await onB.InSyncAsync(TimeSpan.FromSeconds(60));
        await onA.UntilAsync(c => c.GetEntity(during) is not null, "A to get the edit B made while Redis was down");
        await onB.UntilAsync(c => c.GetEntity(after) is not null, "B to get A's edit after the restart, pushed across nodes");
        foreach (var id in acknowledged)
        {
            onB.Client.GetEntity(id).Should().NotBeNull("every change acknowledged before the crash is kept");
        }
        cluster.Nodes.Should().OnlyContain(n => !n.HasExited, "no node needed a restart");
        await AssertConvergedAsync(cluster, account, onA, onB);
    }

    // An outage longer than the stall timeout turns a device's state to Error/outbox_stalled (as it should); these tests
    // wait for the drain after the outage instead. A push published while a node's backplane subscription was down is
    // lost; when nothing follows it, the quiet catch-up fetches it (its default minute would outlast the test's waits).
    private static void PatientOutbox(SyncClientOptions options)
    {
        options.OutboxStallTimeout = TimeSpan.FromMinutes(5);
        options.QuietCatchUpInterval = TimeSpan.FromSeconds(2);
    }

    // Every device holds what the hub holds, and the hub's change log has each mutation once.
    private static async Task AssertConvergedAsync(HubCluster cluster, TestSession account, params TestDevice[] devices)
    {
        await using var raw = await RawHubClient.ConnectAsync(cluster.Urls[0], account);
        var state = await HubState.ReadAsync(raw, account.WorkspaceId);
        foreach (var device in devices)
        {
            device.Client.GetEntities().Select(e => (e.Id, e.Version, e.Body)).Should()
                .BeEquivalentTo(state.Entities.Values.Select(e => (e.EntityId, e.Version, e.Body)), $"{device.Client.Status} must equal the hub");
        }
        // HubState replays seq 1..head and fails on a gap; each outbox entry was applied once (a duplicate would be a
        // second change of the same mutation id, or a second create refused as already_exists and left failed).
        state.AppliedMutations.Count.Should().Be((int)state.HeadSeq);
        devices.Should().OnlyContain(d => d.Client.Status.FailedChanges == 0 && d.Client.Status.Conflicts == 0);
    }
}
