using Microsoft.Extensions.DependencyInjection;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Server.Storage;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.Tests;

/// <summary>The Scratch Pad and bulk creates against the real hub: nothing of the Scratch Pad reaches it, nothing the account does removes it.</summary>
public sealed class ScratchPadHubTests : IClassFixture<HubHostFixture>
{
    private readonly HubHostFixture _hub;

    public ScratchPadHubTests(HubHostFixture hub)
    {
        _hub = hub;
    }

    private Uri Url => _hub.BaseUrl;

    private async Task<Change[]> HubLogAsync(string workspaceId)
    {
        var store = _hub.Host.Services.GetRequiredService<IChangeStore>();
        var page = await store.GetChangesAsync(workspaceId, 0, 10_000, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return page.Changes;
    }

    [Fact]
    public async Task Nothing_made_in_the_scratch_pad_reaches_the_hub_or_another_device()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var a = await TestDevice.SignInAsync(Url, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        await a.InSyncAsync();
        a.Client.EnterScratchPad();

        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("secret collection"));
        var folder = await a.Client.CreateAsync(EntityKinds.Folder, collection, Named("secret folder"));
        var request = await a.Client.CreateAsync(EntityKinds.Request, folder, Request("secret request"));
        await a.Client.CreateAsync(EntityKinds.Response, request, Named("secret response"));
        var environment = await a.Client.CreateAsync(EntityKinds.Environment, null, Named("secret env"));
        await a.Client.CreateAsync(EntityKinds.EnvironmentVariable, environment, """{"key":"secret","value":"s"}""");
        await a.Client.CreateManyAsync([new NewEntity("bulk-1", EntityKinds.Collection, null, Named("secret bulk"))]);
        await a.Client.UpdateAsync(collection, Named("secret renamed"));
        await a.Client.MoveAsync(request, collection);
        await a.Client.DeleteAsync(folder);
        a.Client.Status.PendingChanges.Should().Be(0);

        // A synced edit after them: once it is on B, anything queued before it would have been sent too.
        a.Client.SwitchWorkspace(account.WorkspaceId);
        var marker = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("marker"));
        await a.InSyncAsync();
        await b.UntilAsync(c => c.GetEntity(marker) is not null, "B to get the marker");

        (await HubLogAsync(account.WorkspaceId)).Select(c => c.EntityId).Should().Equal(marker);
        (await HubLogAsync(SyncClient.ScratchPadId)).Should().BeEmpty();
        b.Client.GetEntities().Select(e => e.Id).Should().Equal(marker);
        b.Client.GetEntities(SyncClient.ScratchPadId).Should().BeEmpty("B's Scratch Pad is its own");
        a.Client.GetEntities(SyncClient.ScratchPadId).Should().HaveCount(6);
    }

    [Fact]
    public async Task The_scratch_pad_survives_reload_sign_out_sign_in_remote_sign_out_and_a_restart()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var device = await TestDevice.SignInAsync(Url, account, deviceName: "laptop");
        await using var phone = await TestDevice.SignInAsync(Url, account, deviceName: "phone");
        var synced = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("synced"));
        await device.InSyncAsync();
        device.Client.EnterScratchPad();
        var kept = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("scratch"));
        var child = await device.Client.CreateAsync(EntityKinds.Request, kept, Request("scratch request"));
        void ScratchIsIntact(string after) =>
            device.Client.GetEntities(SyncClient.ScratchPadId).Select(e => e.Id).Should().BeEquivalentTo([kept, child], $"the Scratch Pad survives {after}");

        await device.Client.ReloadAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();
        ScratchIsIntact("a reload");
        device.Client.GetEntities(account.WorkspaceId).Select(e => e.Id).Should().Equal(synced);

        var signedOut = await device.Client.SignOutAsync().WaitAsync(TestTimeouts.Default);
        signedOut.UnsentChanges.Should().Be(0, "the Scratch Pad's entities are not unsent edits");
        signedOut.SavedTo.Should().BeNull();
        ScratchIsIntact("a sign-out");
        device.Client.GetEntities(account.WorkspaceId).Should().BeEmpty("sign-out removes the synced data");
        device.Client.IsInScratchPad.Should().BeTrue();

        await device.Client.SignInAsync(account.Username, account.Password, "laptop").WaitAsync(TestTimeouts.Default);
        device.Client.IsInScratchPad.Should().BeTrue("signing in does not move out of a Scratch Pad chosen explicitly");
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.UntilAsync(c => c.GetEntities(account.WorkspaceId).Any(e => e.Id == synced), "the synced data to come back");
        ScratchIsIntact("a sign-in and a catch-up");

        await phone.Client.SignOutDeviceAsync(device.Client.Session!.DeviceId).WaitAsync(TestTimeouts.Default);
        await device.StatusAsync(s => s is { State: SyncState.Offline, ErrorCode: ErrorCodes.SignedOut }, "the laptop to be signed out remotely");
        device.Client.LastRemoteSignOut!.UnsentChanges.Should().Be(0);
        ScratchIsIntact("a remote sign-out");

        await device.ReopenAsync(Url);
        ScratchIsIntact("a restart");
        device.Client.IsInScratchPad.Should().BeTrue();
        device.Client.GetEntity(child)!.ParentId.Should().Be(kept);
        (await HubLogAsync(account.WorkspaceId)).Select(c => c.EntityId).Should().Equal(synced);
    }

    [Fact]
    public async Task Signing_in_without_having_chosen_the_scratch_pad_moves_to_the_personal_workspace_and_keeps_it()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var device = await TestDevice.OpenAsync(Url);
        device.Client.IsInScratchPad.Should().BeTrue("signed out, the Scratch Pad is what there is");
        var id = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("made signed out"));

        await device.Client.SignInAsync(account.Username, account.Password).WaitAsync(TestTimeouts.Default);
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        device.Client.ActiveWorkspaceId.Should().Be(account.WorkspaceId);
        device.Client.GetEntities().Should().BeEmpty();
        device.Client.GetEntities(SyncClient.ScratchPadId).Should().ContainSingle(e => e.Id == id);
        (await HubLogAsync(account.WorkspaceId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_thousand_entities_created_at_once_reach_another_device()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var a = await TestDevice.SignInAsync(Url, account, deviceName: "a", start: false);
        var entities = new List<NewEntity> { new("bulk-root", EntityKinds.Collection, null, Named("bulk")) };
        for (var i = 0; i < 1_999; i++)
            entities.Add(new NewEntity($"bulk-{i}", EntityKinds.Request, "bulk-root", Request($"r{i}")));

        await a.Client.CreateManyAsync(entities);
        a.Client.Status.PendingChanges.Should().Be(2_000);
        await a.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await a.InSyncAsync(TimeSpan.FromSeconds(120));

        await using var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        await b.UntilAsync(c => c.GetEntities().Count == 2_000, "B to get all 2,000", TimeSpan.FromSeconds(120));
        b.Client.GetChildren("bulk-root").Select(e => e.Id).Should().Equal(entities.Skip(1).Select(e => e.Id), "the order they were given in");
        (await HubLogAsync(account.WorkspaceId)).Should().HaveCount(2_000);
    }

    [Fact]
    public async Task The_scratch_pad_moved_into_a_workspace_reaches_another_device()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var a = await TestDevice.SignInAsync(Url, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        var existing = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("existing"));
        await a.InSyncAsync();
        a.Client.EnterScratchPad();
        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("from scratch"));
        await a.Client.CreateAsync(EntityKinds.Request, collection, Request("scratch request"));

        (await a.Client.MoveScratchPadToAsync(account.WorkspaceId)).Should().Be(2);
        await a.InSyncAsync();

        await b.UntilAsync(c => c.GetEntities().Count == 3, "B to get the moved entities");
        var roots = b.Client.GetChildren(null);
        roots.Select(e => NameOf(e.Body)).Should().Equal("existing", "from scratch");
        b.Client.GetChildren(roots[1].Id).Select(e => NameOf(e.Body)).Should().Equal("scratch request");
        roots[0].Id.Should().Be(existing);
        a.Client.GetEntities(SyncClient.ScratchPadId).Should().BeEmpty();
    }
}
