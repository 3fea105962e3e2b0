using System.Text.Json;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

/// <summary>Several hub nodes from the console: one hub behind two loopback proxies, a stopped proxy being a dead node.</summary>
public sealed class SeveralNodesTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-nodes");
    private HubHost _hub = null!;
    private TcpProxy _nodeA = null!;
    private TcpProxy _nodeB = null!;

    public async Task InitializeAsync()
    {
        _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);
        _nodeA = TcpProxy.Start(_hub.BaseUrl);
        _nodeB = TcpProxy.Start(_hub.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Register_and_login_with_a_comma_separated_list_go_through_the_live_node_and_the_profile_remembers_both()
    {
        _nodeA.Stop();
        var device = new Synchub(Path.Combine(_temp.Path, "laptop"));
        var servers = $"{_nodeA.Url},{_nodeB.Url}";

        var username = TestAccounts.NewUsername("con");
        var register = await device.RunAsync("--server", servers, "register", username, $"{username}@example.test", TestAccounts.DefaultPassword);
        register.ExitCode.Should().Be(0, register.ToString());
        var login = await device.RunAsync("--server", servers, "login", username, TestAccounts.DefaultPassword, "--device", "laptop");
        login.ExitCode.Should().Be(0, login.ToString());
        login.Err.Should().Contain(_nodeB.Url.ToString());

        // No --server from here on: the profile knows both nodes.
        var status = await device.RunAsync("status", "--json", "--local");
        status.ExitCode.Should().Be(0, status.ToString());
        using var json = JsonDocument.Parse(status.Out);
        json.RootElement.GetProperty("server").GetString().Should().Be(_nodeB.Url.ToString());
        json.RootElement.GetProperty("servers").EnumerateArray().Select(e => e.GetString()).Should().Equal(_nodeA.Url.ToString(), _nodeB.Url.ToString());
        var text = await device.RunAsync("status", "--local");
        text.Out.Should().Contain($"Server:     {_nodeA.Url}, {_nodeB.Url}");
        _nodeA.AcceptedConnections.Should().Be(0);
    }

    [Fact]
    public async Task With_the_option_repeated_an_edit_made_after_the_first_node_died_syncs_through_the_second()
    {
        var laptop = new Synchub(Path.Combine(_temp.Path, "laptop"));
        var username = await Hub.RegisterAsync(new Synchub(Path.Combine(_temp.Path, "register"), _hub.BaseUrl));
        var login = await laptop.RunAsync("--server", _nodeA.Url.ToString(), "--server", _nodeB.Url.ToString(), "login", username, TestAccounts.DefaultPassword);
        login.ExitCode.Should().Be(0, login.ToString());
        var before = await laptop.AddAsync("collection", "Through node A");

        _nodeA.Stop();
        var add = await laptop.RunAsync("add", "collection", "Through node B");
        add.ExitCode.Should().Be(0, add.ToString());
        add.Err.Should().NotContain("Not synced", "the short sync after the edit moved to node B");
        (await laptop.RunAsync("sync", "--timeout", "20")).ExitCode.Should().Be(0);

        var phone = new Synchub(Path.Combine(_temp.Path, "phone"), _hub.BaseUrl);
        await phone.SignInAsync(username, device: "phone");
        var ls = await phone.RunAsync("ls");
        ls.Out.Should().Contain("Through node A").And.Contain("Through node B").And.Contain(before);
        _nodeB.AcceptedConnections.Should().BeGreaterThan(0);
    }
}
