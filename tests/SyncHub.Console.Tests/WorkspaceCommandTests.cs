using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

/// <summary>workspaces, workspace create/use, members (add, rm), and the other commands acting on the active workspace.</summary>
public sealed class WorkspaceCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-ws");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    private static JsonElement[] Array(CommandRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task An_owner_creates_a_workspace_adds_a_member_who_uses_it_and_removing_them_takes_it_away()
    {
        var owner = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var member = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var a = new Synchub(Path.Combine(_temp.Path, "owner"), _hub.BaseUrl);
        var b = new Synchub(Path.Combine(_temp.Path, "member"), _hub.BaseUrl);
        await a.SignInAsync(owner.Username);
        await b.SignInAsync(member.Username);
        var personalItem = await b.AddAsync("collection", "Member's own");

        var create = await a.RunAsync("workspace", "create", "Team API");
        create.ExitCode.Should().Be(0, create.ToString());
        var teamId = create.OutLines.Should().ContainSingle().Subject;
        (await a.RunAsync("workspace", "use", teamId)).ExitCode.Should().Be(0);
        var shared = await a.AddAsync("collection", "Shared");
        var add = await a.RunAsync("members", "add", member.Username);
        add.ExitCode.Should().Be(0, add.ToString());
        add.OutLines.Should().Equal(member.AccountId);

        var ownerList = Array(await a.RunAsync("workspaces", "--json"));
        ownerList.Select(w => (w.GetProperty("workspaceId").GetString(), w.GetProperty("active").GetBoolean()))
            .Should().Equal((owner.WorkspaceId, false), (teamId, true));
        var status = await a.RunAsync("status", "--local");
        status.Out.Should().Contain($"Workspace:  Team API ({teamId})");
        var members = Array(await a.RunAsync("members", "--json"));
        members.Select(m => (m.GetProperty("username").GetString(), m.GetProperty("role").GetString()))
            .Should().Equal((owner.Username, WorkspaceRoles.Owner), (member.Username, WorkspaceRoles.Member));

        var memberText = await b.RunAsync("workspaces");
        memberText.ExitCode.Should().Be(0, memberText.ToString());
        memberText.Out.Should().Contain("Team API").And.Contain(teamId).And.Contain("(member)").And.MatchRegex(@"\* \S+  " + member.WorkspaceId);
        (await b.RunAsync("workspace", "use", teamId)).ExitCode.Should().Be(0);
        await b.SyncAsync();
        var ls = await b.RunAsync("ls", "--json");
        Array(ls).Select(e => e.GetProperty("id").GetString()).Should().Equal(shared);
        var fromMember = await b.AddAsync("collection", "From member");
        await a.SyncAsync();
        Array(await a.RunAsync("ls", "--json")).Select(e => e.GetProperty("id").GetString()).Should().BeEquivalentTo([shared, fromMember]);

        var rm = await a.RunAsync("members", "rm", member.Username, "--workspace", teamId);
        rm.ExitCode.Should().Be(0, rm.ToString());
        await b.SyncAsync();
        Array(await b.RunAsync("workspaces", "--json")).Select(w => w.GetProperty("workspaceId").GetString()).Should().Equal(member.WorkspaceId);
        Array(await b.RunAsync("ls", "--json")).Select(e => e.GetProperty("id").GetString()).Should().Equal([personalItem], "back in the personal workspace; the team's copy is gone");
        Array(await b.RunAsync("members", "--workspace", member.WorkspaceId, "--json")).Should().ContainSingle();
        var forbidden = await b.RunAsync("members", "--workspace", teamId);
        forbidden.ExitCode.Should().Be(1);
        forbidden.Err.Should().Contain(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Bad_workspace_and_member_arguments_fail_with_a_code_and_change_nothing()
    {
        var owner = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var a = new Synchub(Path.Combine(_temp.Path, "bad"), _hub.BaseUrl);
        await a.SignInAsync(owner.Username);

        var use = await a.RunAsync("workspace", "use", EntityIds.New());
        var blank = await a.RunAsync("workspace", "create", " ");
        var personal = await a.RunAsync("members", "add", "someone");
        var team = (await a.RunAsync("workspace", "create", "T")).OutLines[0];
        var unknown = await a.RunAsync("members", "add", "nobody-" + Guid.NewGuid().ToString("N")[..8], "--workspace", team);
        var notMember = await a.RunAsync("members", "rm", "nobody", "--workspace", team);
        var self = await a.RunAsync("members", "rm", owner.Username, "--workspace", team);

        use.ExitCode.Should().Be(1);
        use.Err.Should().Contain(ErrorCodes.NotFound);
        blank.ExitCode.Should().Be(1);
        blank.Err.Should().Contain(ErrorCodes.InvalidRequest);
        personal.ExitCode.Should().Be(1, "the active workspace is the personal one, which takes no members");
        personal.Err.Should().Contain(ErrorCodes.InvalidRequest);
        unknown.Err.Should().Contain(ErrorCodes.NotFound);
        notMember.Err.Should().Contain(ErrorCodes.NotFound);
        self.Err.Should().Contain(ErrorCodes.InvalidRequest, "the owner cannot leave");
        Array(await a.RunAsync("workspaces", "--json")).Should().HaveCount(2);
        Array(await a.RunAsync("members", "--workspace", team, "--json")).Should().ContainSingle();
    }
}
