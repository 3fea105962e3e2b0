using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

/// <summary>Team workspaces on the hub: members sync them, non-members are refused everything, removal takes effect at once.</summary>
public sealed class TeamWorkspaceHubTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private async Task<(TestSession Owner, TestSession Member, WorkspaceInfo Team)> TeamAsync()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "owner");
        var member = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "member");
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);
        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, member);
        return (owner, member, team);
    }

    private static Task<WorkspacesUpdate> NextWorkspacesPushAsync(HubConnection connection, Func<WorkspacesUpdate, bool> condition, out IDisposable subscription)
    {
        var received = new TaskCompletionSource<WorkspacesUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscription = connection.On<WorkspacesUpdate>(HubMethods.Workspaces, update =>
        {
            if (condition(update)) received.TrySetResult(update);
        });
        return received.Task.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task GetWorkspaces_answers_the_same_list_as_the_endpoint()
    {
        var (_, member, team) = await TeamAsync();
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, member);
        var list = await connection.InvokeAsync<WorkspaceInfo[]>(HubMethods.GetWorkspaces).WaitAsync(TestTimeouts.Default);
        list.Select(w => (w.WorkspaceId, w.Role)).Should().Equal((member.WorkspaceId, WorkspaceRoles.Owner), (team.WorkspaceId, WorkspaceRoles.Member));
    }

    [Fact]
    public async Task A_member_subscribes_writes_and_reads_the_team_workspace_and_the_owner_gets_its_changes_live()
    {
        var (owner, member, team) = await TeamAsync();
        await using var ownerConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, owner);
        await using var memberConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, member);
        using var ownerPushes = new ChangesRecorder(ownerConnection);
        await ownerConnection.SubscribeAsync(owner.WorkspaceId, team.WorkspaceId);
        await memberConnection.SubscribeAsync(team.WorkspaceId);

        var result = await memberConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId, name: "Shared"));

        result.Status.Should().Be(MutationStatuses.Applied);
        (await ownerPushes.WaitForSeqAsync(team.WorkspaceId, result.Seq)).DeviceId.Should().Be(member.DeviceId);
        (await memberConnection.GetAllChangesAsync(team.WorkspaceId)).Should().ContainSingle();
        (await memberConnection.StreamSnapshotAsync(team.WorkspaceId)).SelectMany(p => p.Entities).Should().ContainSingle();
    }

    [Fact]
    public async Task A_non_member_is_forbidden_every_hub_method_on_a_team_workspace()
    {
        var (owner, _, team) = await TeamAsync();
        var stranger = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using (var ownerConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, owner))
            await ownerConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId, name: "Secret"));
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, stranger);

        await connection.SubscribeAsync(team.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        (await connection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId))).Code.Should().Be(ErrorCodes.Forbidden);
        await connection.GetChangesAsync(team.WorkspaceId, 0, 10).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await connection.StreamChangesAsync(team.WorkspaceId, 0).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await connection.StreamSnapshotAsync(team.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Adding_a_member_pushes_the_new_list_to_every_connection_of_the_member()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(hub.BaseUrl, member, "phone");
        await using var laptopConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, member);
        await using var phoneConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, phone);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);
        var onLaptop = NextWorkspacesPushAsync(laptopConnection, u => u.Workspaces.Length == 2, out var s1);
        var onPhone = NextWorkspacesPushAsync(phoneConnection, u => u.Workspaces.Length == 2, out var s2);
        using var _ = s1;
        using var __ = s2;

        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, member);

        foreach (var update in new[] { await onLaptop, await onPhone })
        {
            update.Workspaces.Select(w => w.WorkspaceId).Should().Equal(member.WorkspaceId, team.WorkspaceId);
            update.Workspaces[1].Role.Should().Be(WorkspaceRoles.Member);
        }
    }

    [Fact]
    public async Task Creating_a_workspace_pushes_the_new_list_to_the_owners_connections()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, owner);
        var pushed = NextWorkspacesPushAsync(connection, u => u.Workspaces.Length == 2, out var subscription);
        using var _ = subscription;

        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner, "Pushed");

        (await pushed).Workspaces[1].WorkspaceId.Should().Be(team.WorkspaceId);
    }

    [Fact]
    public async Task A_removed_member_stops_getting_changes_at_once_its_calls_are_forbidden_and_it_is_told()
    {
        var (owner, member, team) = await TeamAsync();
        var memberPhone = await TestAccounts.SignInAsync(hub.BaseUrl, member, "phone");
        await using var ownerConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, owner);
        await using var memberConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, member);
        await using var phoneConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, memberPhone);
        using var memberPushes = new ChangesRecorder(memberConnection);
        await memberConnection.SubscribeAsync(member.WorkspaceId, team.WorkspaceId);
        // Mutate goes through the membership cache: this puts a "yes" for the member in it.
        (await memberConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId))).Status.Should().Be(MutationStatuses.Applied);
        var told = NextWorkspacesPushAsync(memberConnection, u => u.Workspaces.Length == 1, out var subscription);
        using var _ = subscription;

        await TestWorkspaces.RemoveMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, member.AccountId);
        var afterRemoval = await ownerConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId, name: "After"));
        // Pushes leave the hub in commit order and a connection receives them in order: once the marker (committed
        // after the owner's change) arrives, the owner's change would have arrived before it.
        var marker = await phoneConnection.MutateOneAsync(TestMutations.CreateCollection(member.WorkspaceId, name: "Marker"));
        await memberPushes.WaitForSeqAsync(member.WorkspaceId, marker.Seq);

        memberPushes.Pushes.Where(p => p.WorkspaceId == team.WorkspaceId).SelectMany(p => p.Changes).Should().NotContain(c => c.Seq >= afterRemoval.Seq);
        (await told).Workspaces.Select(w => w.WorkspaceId).Should().Equal(member.WorkspaceId);
        (await memberConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId))).Code.Should().Be(ErrorCodes.Forbidden, "the cached membership was dropped");
        await memberConnection.SubscribeAsync(team.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await memberConnection.GetChangesAsync(team.WorkspaceId, 0, 10).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await memberConnection.StreamSnapshotAsync(team.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }
}
