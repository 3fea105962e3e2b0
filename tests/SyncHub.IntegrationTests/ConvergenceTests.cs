using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

public sealed class ConvergenceTests
{
    private static List<(string Id, string Body, long Version)> Snapshot(SyncClient client) =>
        [.. client.GetEntities().Select(e => (e.Id, e.Body, e.Version)).OrderBy(e => e.Id, StringComparer.Ordinal)];

    [Fact]
    public async Task Two_devices_of_one_account_converge_after_edits_on_both_sides()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");

        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Shared"));
        await b.UntilAsync(c => c.GetEntity(collection) is not null, "B to receive A's collection");

        var fromB = await b.Client.CreateAsync(EntityKinds.Request, collection, Request("from B"));
        var fromA = await a.Client.CreateAsync(EntityKinds.Request, collection, Request("from A"));
        await a.Client.UpdateAsync(collection, Named("Shared v2"));
        await b.Client.UpdateAsync(fromB, Request("from B v2")); // chained on B's own pending create
        var folder = await b.Client.CreateAsync(EntityKinds.Folder, collection, Named("Folder"));
        await b.Client.MoveAsync(fromB, folder);

        string[] expected = ["Shared v2", "from A", "from B v2", "Folder"];
        bool HasAll(SyncClient c) => c.GetEntities().Select(e => NameOf(e.Body)).Order().SequenceEqual(expected.Order())
            && c.GetEntity(fromB)?.ParentId == folder && c.Status.PendingChanges == 0;
        await a.UntilAsync(HasAll, "A to hold every edit");
        await b.UntilAsync(HasAll, "B to hold every edit");
        await a.InSyncAsync();
        await b.InSyncAsync();

        Snapshot(a.Client).Should().Equal(Snapshot(b.Client));
        a.Client.GetEntity(fromA)!.Version.Should().Be(1);
        b.Client.GetEntity(fromB)!.Version.Should().Be(3, "create, update and move each made a version");
        a.Client.GetConflicts().Should().BeEmpty();
        b.Client.GetConflicts().Should().BeEmpty("chained offline edits of one entity must not conflict with themselves");
        a.Client.GetFailedChanges().Should().BeEmpty();
        b.Client.GetFailedChanges().Should().BeEmpty();
    }

    [Fact]
    public async Task A_device_away_during_a_thousand_changes_catches_up()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var away = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "away");
        await away.InSyncAsync();
        await away.Client.StopAsync().WaitAsync(TestTimeouts.Default);

        await using var writer = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "writer");
        var collection = await writer.Client.CreateAsync(EntityKinds.Collection, null, Named("Big"));
        for (var i = 1; i < 1000; i++)
        {
            await writer.Client.CreateAsync(EntityKinds.Request, collection, Request($"r{i}"));
        }
        await writer.InSyncAsync(TimeSpan.FromSeconds(120));
        writer.Client.GetEntities().Should().HaveCount(1000);

        away.Client.GetEntities().Should().BeEmpty("nothing arrives while stopped");
        await away.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await away.UntilAsync(c => c.GetEntities().Count == 1000, "the away device to catch up 1,000 changes", TimeSpan.FromSeconds(120));
        await away.InSyncAsync();

        Snapshot(away.Client).Should().Equal(Snapshot(writer.Client));
    }

    [Fact]
    public async Task One_account_never_sees_another_accounts_data()
    {
        await using var hub = await HubHost.StartAsync();
        var ada = await TestAccounts.CreateAsync(hub.BaseUrl, TestAccounts.NewUsername("ada"));
        var bob = await TestAccounts.CreateAsync(hub.BaseUrl, TestAccounts.NewUsername("bob"));
        await using var adaDevice = await TestDevice.SignInAsync(hub.BaseUrl, ada);
        await using var bobDevice = await TestDevice.SignInAsync(hub.BaseUrl, bob);

        var secret = await adaDevice.Client.CreateAsync(EntityKinds.Collection, null, Named("Ada's secret"));
        await adaDevice.InSyncAsync();
        var mine = await bobDevice.Client.CreateAsync(EntityKinds.Collection, null, Named("Bob's"));
        await bobDevice.InSyncAsync();

        // A fresh device of Bob catches up everything Bob's workspace holds: Bob's collection, never Ada's.
        await using var bobFresh = await TestDevice.SignInAsync(hub.BaseUrl, bob, deviceName: "bob fresh");
        await bobFresh.UntilAsync(c => c.GetEntity(mine) is not null, "Bob's fresh device to catch up");
        await bobFresh.InSyncAsync();
        bobFresh.Client.GetEntities().Select(e => e.Id).Should().Equal(mine);
        bobDevice.Client.GetEntity(secret).Should().BeNull();
        bobFresh.Client.Session!.WorkspaceId.Should().NotBe(adaDevice.Client.Session!.WorkspaceId);

        // Even asking for Ada's workspace by id, with Bob's token, is refused.
        await using var raw = await RawHubClient.ConnectAsync(hub.BaseUrl, bob, HubWireProtocol.MessagePack);
        var read = () => raw.InvokeAsync<ChangePage>(HubMethods.GetChanges, ada.WorkspaceId, 0L, 100).WaitAsync(TestTimeouts.Default);
        (await read.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain(ErrorCodes.Forbidden);
    }
}
