using System.Net.Http.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

/// <summary><c>/api/workspaces</c>: who may list, create, add and remove, and every error code of it.</summary>
public sealed class WorkspaceEndpointTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private async Task<(int Status, ErrorResponse? Error)> SendAsync(HttpMethod method, string path, TestSession caller, object? body = null)
    {
        using var response = await HubHttp.SendAsync(hub.BaseUrl, method, path, caller.Token, body);
        var error = (int)response.StatusCode >= 400 ? await response.Content.ReadFromJsonAsync<ErrorResponse>() : null;
        return ((int)response.StatusCode, error);
    }

    [Fact]
    public async Task A_new_account_lists_only_its_personal_workspace_and_a_created_one_follows_it()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);

        var created = await TestWorkspaces.CreateAsync(hub.BaseUrl, me, "  Team A  ");
        var (status, list) = await HubHttp.GetJsonAsync<WorkspaceInfo[]>(hub.BaseUrl, HubRoutes.Workspaces, me.Token);

        created.Name.Should().Be("Team A");
        created.Role.Should().Be(WorkspaceRoles.Owner);
        created.Personal.Should().BeFalse();
        created.OwnerAccountId.Should().Be(me.AccountId);
        status.Should().Be(200);
        list!.Select(w => w.WorkspaceId).Should().Equal(me.WorkspaceId, created.WorkspaceId);
        list![0].Personal.Should().BeTrue();
        list![0].Role.Should().Be(WorkspaceRoles.Owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("line\nbreak")]
    public async Task Creating_with_a_bad_name_is_invalid_request(string? name)
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (status, error) = await SendAsync(HttpMethod.Post, HubRoutes.Workspaces, me, new CreateWorkspaceRequest(name));
        status.Should().Be(400);
        error!.Code.Should().Be(ErrorCodes.InvalidRequest);
        error.Message.Should().Contain("name");
    }

    [Fact]
    public async Task Creating_with_a_name_over_200_characters_is_invalid_request_and_creates_nothing()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (status, error) = await SendAsync(HttpMethod.Post, HubRoutes.Workspaces, me, new CreateWorkspaceRequest(new string('x', 201)));
        var (_, list) = await HubHttp.GetJsonAsync<WorkspaceInfo[]>(hub.BaseUrl, HubRoutes.Workspaces, me.Token);
        status.Should().Be(400);
        error!.Code.Should().Be(ErrorCodes.InvalidRequest);
        list!.Should().ContainSingle();
    }

    [Fact]
    public async Task Without_a_token_every_workspace_endpoint_is_401()
    {
        using var list = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, HubRoutes.Workspaces, null);
        using var create = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.Workspaces, null, new CreateWorkspaceRequest("x"));
        ((int)list.StatusCode).Should().Be(401);
        ((int)create.StatusCode).Should().Be(401);
    }

    [Fact]
    public async Task The_owner_adds_a_member_by_username_in_any_case_and_both_see_the_members()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);

        using var added = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), owner.Token, new AddMemberRequest(member.Username.ToUpperInvariant()));
        var body = await added.Content.ReadFromJsonAsync<WorkspaceMember>();
        var (_, seenByMember) = await HubHttp.GetJsonAsync<WorkspaceMember[]>(hub.BaseUrl, TestWorkspaces.MembersPath(team.WorkspaceId), member.Token);
        var (_, memberList) = await HubHttp.GetJsonAsync<WorkspaceInfo[]>(hub.BaseUrl, HubRoutes.Workspaces, member.Token);

        ((int)added.StatusCode).Should().Be(201);
        body!.AccountId.Should().Be(member.AccountId);
        body.Role.Should().Be(WorkspaceRoles.Member);
        seenByMember!.Select(m => (m.AccountId, m.Role)).Should().Equal((owner.AccountId, WorkspaceRoles.Owner), (member.AccountId, WorkspaceRoles.Member));
        seenByMember![1].Username.Should().Be(member.Username);
        memberList!.Select(w => w.WorkspaceId).Should().Equal(member.WorkspaceId, team.WorkspaceId);
        memberList![1].Role.Should().Be(WorkspaceRoles.Member);
        memberList![1].Personal.Should().BeFalse();
    }

    [Fact]
    public async Task Adding_an_unknown_username_is_404_and_an_existing_member_is_409()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);
        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, member);

        var (unknown, unknownError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), owner, new AddMemberRequest("nobody-" + Guid.NewGuid().ToString("N")[..8]));
        var (again, againError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), owner, new AddMemberRequest(member.Username));
        var (self, selfError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), owner, new AddMemberRequest(owner.Username));
        var (byEmail, byEmailError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), owner, new AddMemberRequest(member.Email));

        unknown.Should().Be(404);
        unknownError!.Code.Should().Be(ErrorCodes.NotFound);
        again.Should().Be(409);
        againError!.Code.Should().Be(ErrorCodes.MemberExists);
        self.Should().Be(409);
        selfError!.Code.Should().Be(ErrorCodes.MemberExists);
        byEmail.Should().Be(404, "members are added by username, not email");
        byEmailError!.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_personal_workspace_takes_no_members()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var other = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (status, error) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(owner.WorkspaceId), owner, new AddMemberRequest(other.Username));
        var (_, list) = await HubHttp.GetJsonAsync<WorkspaceInfo[]>(hub.BaseUrl, HubRoutes.Workspaces, other.Token);
        status.Should().Be(400);
        error!.Code.Should().Be(ErrorCodes.InvalidRequest);
        list!.Should().ContainSingle();
    }

    [Fact]
    public async Task A_member_who_is_not_the_owner_cannot_add_or_remove_others()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(hub.BaseUrl);
        var third = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);
        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, member);
        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, third);

        var (add, addError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), member, new AddMemberRequest("anyone"));
        var (remove, removeError) = await SendAsync(HttpMethod.Delete, TestWorkspaces.MembersPath(team.WorkspaceId) + "/" + third.AccountId, member);
        var (removeOwner, removeOwnerError) = await SendAsync(HttpMethod.Delete, TestWorkspaces.MembersPath(team.WorkspaceId) + "/" + owner.AccountId, member);
        var (_, members) = await HubHttp.GetJsonAsync<WorkspaceMember[]>(hub.BaseUrl, TestWorkspaces.MembersPath(team.WorkspaceId), owner.Token);

        add.Should().Be(403);
        addError!.Code.Should().Be(ErrorCodes.Forbidden);
        remove.Should().Be(403);
        removeError!.Code.Should().Be(ErrorCodes.Forbidden);
        removeOwner.Should().Be(400);
        removeOwnerError!.Code.Should().Be(ErrorCodes.InvalidRequest);
        members!.Should().HaveCount(3);
    }

    [Fact]
    public async Task The_owner_removes_a_member_a_member_may_leave_and_the_owner_cannot_be_removed()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var removed = await TestAccounts.CreateAsync(hub.BaseUrl);
        var leaver = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);
        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, removed);
        await TestWorkspaces.AddMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, leaver);

        var (ownerSelf, ownerSelfError) = await SendAsync(HttpMethod.Delete, TestWorkspaces.MembersPath(team.WorkspaceId) + "/" + owner.AccountId, owner);
        await TestWorkspaces.RemoveMemberAsync(hub.BaseUrl, owner, team.WorkspaceId, removed.AccountId);
        await TestWorkspaces.RemoveMemberAsync(hub.BaseUrl, leaver, team.WorkspaceId, leaver.AccountId);
        var (again, againError) = await SendAsync(HttpMethod.Delete, TestWorkspaces.MembersPath(team.WorkspaceId) + "/" + removed.AccountId, owner);
        var (_, members) = await HubHttp.GetJsonAsync<WorkspaceMember[]>(hub.BaseUrl, TestWorkspaces.MembersPath(team.WorkspaceId), owner.Token);
        var (_, removedList) = await HubHttp.GetJsonAsync<WorkspaceInfo[]>(hub.BaseUrl, HubRoutes.Workspaces, removed.Token);
        var (removedMembers, _) = await SendAsync(HttpMethod.Get, TestWorkspaces.MembersPath(team.WorkspaceId), removed);

        ownerSelf.Should().Be(400);
        ownerSelfError!.Code.Should().Be(ErrorCodes.InvalidRequest);
        again.Should().Be(404);
        againError!.Code.Should().Be(ErrorCodes.NotFound);
        members!.Select(m => m.AccountId).Should().Equal(owner.AccountId);
        removedList!.Select(w => w.WorkspaceId).Should().Equal(removed.WorkspaceId);
        removedMembers.Should().Be(403);
    }

    [Fact]
    public async Task A_non_member_gets_the_same_forbidden_for_an_existing_workspace_as_for_a_missing_one()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var stranger = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);
        var missing = EntityIds.New();

        foreach (var id in new[] { team.WorkspaceId, missing, owner.WorkspaceId })
        {
            var (list, listError) = await SendAsync(HttpMethod.Get, TestWorkspaces.MembersPath(id), stranger);
            var (add, addError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(id), stranger, new AddMemberRequest(stranger.Username));
            var (remove, removeError) = await SendAsync(HttpMethod.Delete, TestWorkspaces.MembersPath(id) + "/" + stranger.AccountId, stranger);
            (list, add, remove).Should().Be((403, 403, 403), id);
            new[] { listError!.Message, addError!.Message, removeError!.Message }.Should().AllBe($"Workspace '{id}' is not one of yours.");
        }
        var (_, members) = await HubHttp.GetJsonAsync<WorkspaceMember[]>(hub.BaseUrl, TestWorkspaces.MembersPath(team.WorkspaceId), owner.Token);
        members!.Should().ContainSingle("the stranger could not add itself");
    }

    [Fact]
    public async Task Malformed_ids_and_bodies_are_invalid_request()
    {
        var owner = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, owner);

        var (badWs, badWsError) = await SendAsync(HttpMethod.Get, TestWorkspaces.MembersPath("not*an*id"), owner);
        var (badAccount, badAccountError) = await SendAsync(HttpMethod.Delete, TestWorkspaces.MembersPath(team.WorkspaceId) + "/%20", owner);
        var (noName, noNameError) = await SendAsync(HttpMethod.Post, TestWorkspaces.MembersPath(team.WorkspaceId), owner, new AddMemberRequest(null));
        using var raw = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.Workspaces, owner.Token, null);

        (badWs, badAccount, noName).Should().Be((400, 400, 400));
        badWsError!.Code.Should().Be(ErrorCodes.InvalidRequest);
        badAccountError!.Code.Should().Be(ErrorCodes.InvalidRequest);
        noNameError!.Code.Should().Be(ErrorCodes.InvalidRequest);
        ((int)raw.StatusCode).Should().Be(400, "a create without a body");
    }

    [Fact]
    public async Task An_account_at_its_workspace_limit_gets_workspace_limit_and_no_new_workspace()
    {
        await using var limited = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxWorkspacesPerAccount"] = "2" });
        var me = await TestAccounts.CreateAsync(limited.BaseUrl);
        await TestWorkspaces.CreateAsync(limited.BaseUrl, me, "One");
        await TestWorkspaces.CreateAsync(limited.BaseUrl, me, "Two");

        using var third = await HubHttp.SendAsync(limited.BaseUrl, HttpMethod.Post, HubRoutes.Workspaces, me.Token, new CreateWorkspaceRequest("Three"));
        var error = await third.Content.ReadFromJsonAsync<ErrorResponse>();
        var (_, list) = await HubHttp.GetJsonAsync<WorkspaceInfo[]>(limited.BaseUrl, HubRoutes.Workspaces, me.Token);

        ((int)third.StatusCode).Should().Be(409);
        error!.Code.Should().Be(ErrorCodes.WorkspaceLimit);
        error.Message.Should().Contain("SyncHub:MaxWorkspacesPerAccount");
        list!.Select(w => w.Name).Should().HaveCount(3, "the personal workspace and the two team ones; the personal one does not count");
    }
}
