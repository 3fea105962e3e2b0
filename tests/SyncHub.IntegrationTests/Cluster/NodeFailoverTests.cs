using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests.Cluster;

/// <summary>A hub node killed (SIGKILL) under its devices: they move to the other nodes and nothing is lost or doubled.</summary>
[Trait("Store", "Redis")]
public sealed class NodeFailoverTests
{
    [Fact]
    public async Task Devices_of_a_killed_node_move_to_another_and_every_acknowledged_change_reaches_every_device_once()
    {
        await using var cluster = await HubCluster.StartAsync(3);
        var (a, b, c) = (cluster.Urls[0], cluster.Urls[1], cluster.Urls[2]);
        var account = await TestAccounts.CreateAsync(a);
        // Two devices reach the cluster through node A first, one through node B.
        await using var first = await TestDevice.SignInAsync(a, account, configure: o => o.ServerUrls = [a, b, c], deviceName: "first");
        await using var second = await TestDevice.SignInAsync(a, account, configure: o => o.ServerUrls = [a, c, b], deviceName: "second");
        await using var third = await TestDevice.SignInAsync(b, account, configure: o => o.ServerUrls = [b, c, a], deviceName: "third");
        TestDevice[] devices = [first, second, third];
        first.Client.ConnectedUrl.Should().Be(a);
        second.Client.ConnectedUrl.Should().Be(a);
        var collection = await first.Client.CreateAsync(EntityKinds.Collection, null, Named("Shared"));
        foreach (var device in devices) await device.UntilAsync(cl => cl.GetEntity(collection) is not null, "every device to get the collection");

        // Every device writes; node A dies in the middle of it, with changes of its devices in flight.
        var created = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            if (round == 10)
            {
                await first.StatusAsync(s => s.PendingChanges < 20, "node A's devices to have sent part of their edits");
                cluster.Nodes[0].Kill();
            }
            foreach (var device in devices)
            {
                created.Add(await device.Client.CreateAsync(EntityKinds.Request, collection, Request($"{device.Client.Session!.DeviceId} {round}")));
            }
        }

        foreach (var device in devices) await device.InSyncAsync(TimeSpan.FromSeconds(90));
        first.Client.ConnectedUrl.Should().NotBe(a);
        second.Client.ConnectedUrl.Should().NotBe(a);
        foreach (var device in devices)
        {
            await device.UntilAsync(cl => created.TrueForAll(id => cl.GetEntity(id) is not null), "every device to hold every change", TimeSpan.FromSeconds(60));
        }

        await using var raw = await RawHubClient.ConnectAsync(b, account);
        var state = await HubState.ReadAsync(raw, account.WorkspaceId);
        state.Entities.Keys.Should().BeEquivalentTo(created.Append(collection));
        // One stored change per mutation (HubState fails on a gap): a change resent after the kill was not applied twice.
        state.AppliedMutations.Count.Should().Be((int)state.HeadSeq);
        state.HeadSeq.Should().Be(created.Count + 1);
        foreach (var device in devices)
        {
            device.Client.GetEntities().Select(e => (e.Id, e.Version, e.Body)).Should()
                .BeEquivalentTo(state.Entities.Values.Select(e => (e.EntityId, e.Version, e.Body)));
            device.Client.Status.FailedChanges.Should().Be(0);
            device.Client.Status.Conflicts.Should().Be(0);
        }
    }
}
