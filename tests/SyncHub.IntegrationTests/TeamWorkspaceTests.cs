using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

/// <summary>Team workspaces through the library: two accounts with two devices each, live both ways, add and removal on every device.</summary>
public sealed class TeamWorkspaceTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private static bool Has(SyncClient client, string workspaceId, string entityId) =>
        client.GetEntities(workspaceId).Any(e => e.Id == entityId);

    [Fact]
    public async Task Devices_of_both_accounts_sync_a_team_workspace_live_both_ways_and_a_member_added_online_gets_it_without_restarting()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var owner1 = await TestDevice.SignInAsync(hub.BaseUrl, owner, deviceName: "owner-1");
        await using var owner2 = await TestDevice.SignInAsync(hub.BaseUrl, owner, deviceName: "owner-2");
        await using var member1 = await TestDevice.SignInAsync(hub.BaseUrl, member, deviceName: "member-1");
        await using var member2 = await TestDevice.SignInAsync(hub.BaseUrl, member, deviceName: "member-2");
        foreach (var d in new[] { owner1, owner2, member1, member2 }) await d.InSyncAsync();
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var team = await owner1.Client.CreateWorkspaceAsync("Team").WaitAsync(TestTimeouts.Default);
        owner1.Client.SwitchWorkspace(team.WorkspaceId);
        var fromOwner = await owner1.Client.CreateAsync(EntityKinds.Collection, null, Named("From owner"));
        member2.Client.WorkspacesChanged += (_, e) =>
        {
            if (e.Workspaces.Any(w => w.WorkspaceId == team.WorkspaceId)) joined.TrySetResult();
        };
        var added = await owner1.Client.AddMemberAsync(team.WorkspaceId, member.Username).WaitAsync(TestTimeouts.Default);

        added.AccountId.Should().Be(member.AccountId);
        await joined.Task.WaitAsync(TestTimeouts.Default);
        foreach (var d in new[] { owner2, member1, member2 })
            await d.UntilAsync(c => Has(c, team.WorkspaceId, fromOwner), $"{d.Client.Session!.DeviceId} to get the owner's collection");
        member1.Client.Workspaces.Select(w => w.WorkspaceId).Should().Equal(member.WorkspaceId, team.WorkspaceId);
        member1.Client.SwitchWorkspace(team.WorkspaceId);
        var fromMember = await member1.Client.CreateAsync(EntityKinds.Collection, null, Named("From member"));
        foreach (var d in new[] { owner1, owner2, member2 })
            await d.UntilAsync(c => Has(c, team.WorkspaceId, fromMember), $"{d.Client.Session!.DeviceId} to get the member's collection");
        owner2.Client.SwitchWorkspace(team.WorkspaceId);
        await owner2.Client.UpdateAsync(fromMember, Named("Renamed by owner"));
        await member2.UntilAsync(c => c.GetEntities(team.WorkspaceId).Any(e => e.Id == fromMember && e.Body == Named("Renamed by owner")), "the owner's rename");

        member1.Client.GetEntities().Select(e => e.Id).Should().BeEquivalentTo([fromOwner, fromMember], "the active workspace is the team one");
        member2.Client.GetEntities().Should().BeEmpty("its active workspace is still its personal one");
        owner1.Client.GetEntities(owner.WorkspaceId).Should().BeEmpty("the team's entities stay in the team workspace");
        foreach (var d in new[] { owner1, owner2, member1, member2 }) await d.InSyncAsync();
    }

    [Fact]
    public async Task A_removed_member_loses_the_workspace_on_every_device_and_unsent_edits_of_it_are_saved_to_a_file()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var ownerDevice = await TestDevice.SignInAsync(hub.BaseUrl, owner, deviceName: "owner");
        await using var online = await TestDevice.SignInAsync(hub.BaseUrl, member, deviceName: "online");
        await using var offline = await TestDevice.SignInAsync(hub.BaseUrl, member, deviceName: "offline");
        var team = await ownerDevice.Client.CreateWorkspaceAsync("Team").WaitAsync(TestTimeouts.Default);
        await ownerDevice.Client.AddMemberAsync(team.WorkspaceId, member.Username).WaitAsync(TestTimeouts.Default);
        ownerDevice.Client.SwitchWorkspace(team.WorkspaceId);
        var shared = await ownerDevice.Client.CreateAsync(EntityKinds.Collection, null, Named("Shared"));
        await online.UntilAsync(c => Has(c, team.WorkspaceId, shared), "the online device to get the team");
        await offline.UntilAsync(c => Has(c, team.WorkspaceId, shared), "the offline device to get the team");
        var personal = await online.Client.CreateAsync(EntityKinds.Collection, null, Named("Mine"));
        await online.InSyncAsync();
        online.Client.SwitchWorkspace(team.WorkspaceId);
        await offline.Client.StopAsync().WaitAsync(TestTimeouts.Default);
        offline.Client.SwitchWorkspace(team.WorkspaceId);
        await offline.Client.UpdateAsync(shared, Named("Edited while offline"));
        var lost = new TaskCompletionSource<WorkspacesChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        online.Client.WorkspacesChanged += (_, e) =>
        {
            if (e.Removed.Contains(team.WorkspaceId)) lost.TrySetResult(e);
        };

        await ownerDevice.Client.RemoveMemberAsync(team.WorkspaceId, member.AccountId).WaitAsync(TestTimeouts.Default);

        var onlineLost = await lost.Task.WaitAsync(TestTimeouts.Default);
        onlineLost.UnsentSavedTo.Should().BeNull("the online device had nothing unsent");
        online.Client.GetEntities(team.WorkspaceId).Should().BeEmpty();
        online.Client.Workspaces.Select(w => w.WorkspaceId).Should().Equal(member.WorkspaceId);
        online.Client.ActiveWorkspaceId.Should().Be(member.WorkspaceId, "it falls back to the personal workspace");
        online.Client.GetEntities().Select(e => e.Id).Should().Equal(personal);

        var offlineLost = new TaskCompletionSource<WorkspacesChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        offline.Client.WorkspacesChanged += (_, e) =>
        {
            if (e.Removed.Contains(team.WorkspaceId)) offlineLost.TrySetResult(e);
        };
        await offline.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        var saved = await offlineLost.Task.WaitAsync(TestTimeouts.Default);
        await offline.InSyncAsync();

        saved.UnsentSavedTo.Should().NotBeNull();
        File.ReadAllText(saved.UnsentSavedTo!).Should().Contain("Edited while offline").And.Contain(team.WorkspaceId);
        offline.Client.GetEntities(team.WorkspaceId).Should().BeEmpty();
        offline.Client.GetOutbox().Should().BeEmpty();
        offline.Client.Status.PendingChanges.Should().Be(0);
        offline.Client.GetEntities().Select(e => e.Id).Should().Equal(personal);
        NameOf(ownerDevice.Client.GetEntity(shared)!.Body).Should().Be("Shared", "the removed member's edit never reached the hub");
    }

    [Fact]
    public async Task The_active_workspace_is_kept_in_the_profile_and_unknown_ids_are_refused()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, owner);
        var team = await device.Client.CreateWorkspaceAsync("Kept").WaitAsync(TestTimeouts.Default);

        device.Client.ActiveWorkspaceId.Should().Be(owner.WorkspaceId);
        device.Client.SwitchWorkspace(team.WorkspaceId);
        await device.ReopenAsync(hub.BaseUrl);

        device.Client.ActiveWorkspaceId.Should().Be(team.WorkspaceId);
        FluentActions.Invoking(() => device.Client.SwitchWorkspace(EntityIds.New())).Should().Throw<SyncException>().Which.Code.Should().Be(ErrorCodes.NotFound);
        var error = await FluentActions.Awaiting(() => device.Client.AddMemberAsync(owner.WorkspaceId, "anyone").WaitAsync(TestTimeouts.Default))
            .Should().ThrowAsync<SyncException>();
        error.Which.Code.Should().Be(ErrorCodes.InvalidRequest);
        var blank = await FluentActions.Awaiting(() => device.Client.CreateWorkspaceAsync("  ").WaitAsync(TestTimeouts.Default)).Should().ThrowAsync<SyncException>();
        blank.Which.Code.Should().Be(ErrorCodes.InvalidRequest);
    }
}
