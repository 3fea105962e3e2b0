using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyncHub.Client.Internal;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Server.Storage;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.Tests;

/// <summary>
/// Several hub nodes: one real hub behind two loopback proxies (two URLs that reach the same data); stopping a proxy
/// is a node dying.
/// </summary>
public sealed class FailoverTests : IClassFixture<HubHostFixture>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);
    private readonly HubHostFixture _hub;

    public FailoverTests(HubHostFixture hub)
    {
        _hub = hub;
    }

    private Uri Url => _hub.BaseUrl;

    [Fact]
    public async Task When_its_node_dies_the_client_moves_to_the_next_and_both_the_missed_change_and_its_own_offline_edit_converge_once()
    {
        await using var nodeA = TcpProxy.Start(Url);
        await using var nodeB = TcpProxy.Start(Url);
        var account = await TestAccounts.CreateAsync(Url);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var policy = new FixedDelayReconnectPolicy(RetryDelay);
        using var logs = new CapturingLoggerProvider();
        await using var mover = await TestDevice.SignInAsync(nodeA.Url, account, deviceName: "mover", configure: o =>
        {
            o.ServerUrls = [nodeA.Url, nodeB.Url];
            o.TimeProvider = time;
            o.ReconnectPolicy = policy;
            o.LoggerFactory = logs;
        });
        await using var other = await TestDevice.SignInAsync(Url, account, deviceName: "other");
        await mover.InSyncAsync();
        mover.Client.ConnectedUrl.Should().Be(nodeA.Url);
        mover.Client.Session!.ServerUrls.Should().Equal(nodeA.Url, nodeB.Url);
        var remoteEvents = new List<string>();
        mover.Client.EntitiesChanged += (_, e) =>
        {
            if (!e.Remote) return;
            lock (remoteEvents) remoteEvents.AddRange(e.Changes.Select(c => c.EntityId));
        };

        nodeA.Stop();
        // The drop is noticed, and the engine waits out the policy's delay (on the fake clock) before moving.
        await mover.StatusAsync(s => s.State == SyncState.Connecting && s.ErrorCode == ErrorCodes.Unreachable, "the client to notice node A died");
        mover.Client.ConnectedUrl.Should().BeNull();
        var missed = await other.Client.CreateAsync(EntityKinds.Collection, null, Named("made while the mover moved"));
        await other.InSyncAsync();
        var own = await mover.Client.CreateAsync(EntityKinds.Collection, null, Named("made offline by the mover"));
        mover.Client.Status.PendingChanges.Should().Be(1);

        time.Advance(RetryDelay);
        await mover.UntilAsync(c => c.Status is { Activity: SyncActivity.InSync, PendingChanges: 0 } && c.GetEntity(missed) is not null,
            "the mover online through node B with everything");
        mover.Client.ConnectedUrl.Should().Be(nodeB.Url);
        await other.UntilAsync(c => c.GetEntity(own) is not null, "the other device to get the mover's offline edit");

        // Exactly once: the hub's log holds each change once, and the mover heard of the missed one once.
        var log = await _hub.Host.Services.GetRequiredService<IChangeStore>()
            .GetChangesAsync(account.WorkspaceId, 0, 1000, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        log.Changes.Count(c => c.EntityId == own).Should().Be(1);
        log.Changes.Count(c => c.EntityId == missed).Should().Be(1);
        lock (remoteEvents) remoteEvents.Count(id => id == missed).Should().Be(1);
        mover.Client.GetEntities().Count(e => e.Id == own || e.Id == missed).Should().Be(2);
        nodeA.AcceptedConnections.Should().BeGreaterThan(0);
        nodeB.AcceptedConnections.Should().BeGreaterThan(0);

        var moved = logs.Lines.Where(l => l.Id.Id == 29).Select(l => l.Text).ToList();
        moved.Should().ContainSingle().Which.Should().Contain(nodeA.Url.Authority).And.Contain(nodeB.Url.Authority);
        logs.Lines.Should().NotContain(l => l.Text.Contains(account.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_and_registration_go_through_the_second_node_when_the_first_is_down()
    {
        await using var nodeA = TcpProxy.Start(Url);
        await using var nodeB = TcpProxy.Start(Url);
        nodeA.Stop();
        await using var device = await TestDevice.OpenAsync(nodeA.Url, configure: o => o.ServerUrls = [nodeA.Url, nodeB.Url]);
        var username = TestAccounts.NewUsername();

        await device.Client.RegisterAsync(username, $"{username}@example.test", TestAccounts.DefaultPassword).WaitAsync(TestTimeouts.Default);
        var session = await device.Client.SignInAsync(username, TestAccounts.DefaultPassword, "second node").WaitAsync(TestTimeouts.Default);

        session.ServerUrl.Should().Be(nodeB.Url);
        session.ServerUrls.Should().Equal(nodeA.Url, nodeB.Url);
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();
        device.Client.ConnectedUrl.Should().Be(nodeB.Url);
        nodeA.AcceptedConnections.Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_password_on_the_first_node_is_final_and_the_second_is_not_asked()
    {
        await using var nodeA = TcpProxy.Start(Url);
        await using var nodeB = TcpProxy.Start(Url);
        var account = await TestAccounts.CreateAsync(Url);
        await using var device = await TestDevice.OpenAsync(nodeA.Url, configure: o => o.ServerUrls = [nodeA.Url, nodeB.Url]);

        var act = () => device.Client.SignInAsync(account.Username, "not the password").WaitAsync(TestTimeouts.Default);

        (await act.Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.InvalidCredentials);
        nodeA.AcceptedConnections.Should().BeGreaterThan(0);
        nodeB.AcceptedConnections.Should().Be(0);
        device.Client.Session.Should().BeNull();
    }

    [Fact]
    public async Task With_every_node_down_the_client_keeps_connecting_and_goes_online_through_the_first_that_comes_back()
    {
        await using var nodeA = TcpProxy.Start(Url);
        await using var nodeB = TcpProxy.Start(Url);
        var account = await TestAccounts.CreateAsync(Url);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var policy = new FixedDelayReconnectPolicy(RetryDelay);
        await using var device = await TestDevice.SignInAsync(nodeA.Url, account, start: false, configure: o =>
        {
            o.ServerUrls = [nodeA.Url, nodeB.Url];
            o.TimeProvider = time;
            o.ReconnectPolicy = policy;
        });
        nodeA.Stop();
        nodeB.Stop();

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        // One round (A, then B at once) failed: only then does the policy's delay apply.
        await device.UntilAsync(c => policy.Calls.Count == 1 && c.Status is { State: SyncState.Connecting, ErrorCode: ErrorCodes.Unreachable },
            "a failed round over both nodes");
        device.Client.Status.ErrorMessage.Should().Contain("any of the hub nodes");
        policy.Calls[0].PreviousRetryCount.Should().Be(0);
        device.Client.ConnectedUrl.Should().BeNull();
        var pending = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("while every node is down"));

        nodeB.Resume();
        time.Advance(RetryDelay);
        await device.InSyncAsync();

        device.Client.ConnectedUrl.Should().Be(nodeB.Url);
        // The next round tried A (still down) and went on to B without another delay.
        policy.Calls.Should().HaveCount(1);
        var log = await _hub.Host.Services.GetRequiredService<IChangeStore>()
            .GetChangesAsync(account.WorkspaceId, 0, 1000, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        log.Changes.Should().ContainSingle(c => c.EntityId == pending);
    }

    [Fact]
    public async Task The_list_of_nodes_survives_a_restart_of_the_client_on_the_same_profile()
    {
        await using var nodeA = TcpProxy.Start(Url);
        await using var nodeB = TcpProxy.Start(Url);
        var account = await TestAccounts.CreateAsync(Url);
        await using var device = await TestDevice.SignInAsync(nodeA.Url, account, start: false, configure: o => o.ServerUrls = [nodeA.Url, nodeB.Url]);

        // The app starts again knowing no hub at all: the session remembers every node.
        await device.ReopenAsync(nodeA.Url, o => o.ServerUrls = []);
        device.Client.Session!.ServerUrls.Should().Equal(nodeA.Url, nodeB.Url);
        nodeA.Stop();
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        device.Client.ConnectedUrl.Should().Be(nodeB.Url);
    }

    [Fact]
    public void ServerUrl_is_the_one_url_shorthand_of_ServerUrls()
    {
        var one = new Uri("http://hub-1.example.test/");
        var two = new Uri("http://hub-2.example.test/");
        var options = new SyncClientOptions { ProfileDirectory = "unused", ServerUrls = [one, two] };
        options.ServerUrl.Should().Be(one);

        options.ServerUrl = two;
        options.ServerUrls.Should().Equal(two);
        options.ServerUrl = null;
        options.ServerUrls.Should().BeEmpty();
        options.ServerUrl.Should().BeNull();
    }

    [Fact]
    public async Task A_hub_url_that_is_not_absolute_http_is_refused_when_opening()
    {
        using var profile = new TempProfile();
        var options = new SyncClientOptions
        {
            ProfileDirectory = profile.Directory,
            ServerUrls = [new Uri("http://hub-1.example.test/"), new Uri("hub-2", UriKind.Relative)],
        };

        var act = () => SyncClient.OpenAsync(options).WaitAsync(TestTimeouts.Default);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("hub-2");
    }

    [Fact]
    public void A_profile_from_before_several_nodes_opens_with_its_one_url()
    {
        using var profile = new TempProfile();
        var path = Path.Combine(profile.Directory, LocalStore.FileName);
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE session(
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    server_url TEXT NOT NULL, account_id TEXT NOT NULL, workspace_id TEXT NOT NULL, device_id TEXT NOT NULL,
                    login TEXT NOT NULL, token TEXT NOT NULL, expires_at INTEGER NULL, issued_at INTEGER NULL);
                INSERT INTO session VALUES (1, 'http://hub-1.example.test/', 'acc', 'ws', 'dev', 'someone', 'tok', NULL, NULL);
                """;
            command.ExecuteNonQuery();
        }

        using var store = LocalStore.Open(profile.Directory);
        var session = store.LoadSession()!;
        session.ServerUrls.Should().Equal(new Uri("http://hub-1.example.test/"));

        store.SaveSession(session with { ServerUrls = [new Uri("http://hub-1.example.test/"), new Uri("http://hub-2.example.test/")] });
        store.LoadSession()!.ServerUrls.Should().Equal(new Uri("http://hub-1.example.test/"), new Uri("http://hub-2.example.test/"));
    }
}
