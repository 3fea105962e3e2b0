using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using SyncHub.Server.Redis;
using SyncHub.Testing;

namespace SyncHub.Server.Tests.Redis;

/// <summary>
/// Presence in Redis as two nodes see it: two trackers with different node ids on one Redis and one key prefix, each
/// node alive while its heartbeat key lives.
/// </summary>
[Trait("Store", "Redis")]
public sealed class RedisPresenceTrackerTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly string _prefix = $"t{Guid.NewGuid():N}";
    private readonly List<IDisposable> _disposables = [];
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _direct = null!;

    private RedisKeys Keys => new(_prefix);

    private IDatabase Db => _direct.GetDatabase();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.SharedAsync();
        _direct = await ConnectionMultiplexer.ConnectAsync(_redis.ConfigurationString).WaitAsync(TestTimeouts.Default);
    }

    public Task DisposeAsync()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        _direct.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_device_with_a_connection_on_each_node_comes_online_once_and_goes_offline_when_both_closed()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));

        (await a.ConnectedAsync("acc", "dev", "c1", default)).Should().BeTrue("the device's first connection anywhere");
        (await b.ConnectedAsync("acc", "dev", "c2", default)).Should().BeFalse("the device is online on node a already");
        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["dev"]);
        (await b.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["dev"]);

        (await a.DisconnectedAsync("acc", "dev", "c1", default)).Should().BeFalse("the connection on node b is still open");
        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["dev"]);
        (await b.DisconnectedAsync("acc", "dev", "c2", default)).Should().BeTrue("it was the device's last connection");
        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEmpty();
        (await a.DisconnectedAsync("acc", "dev", "c1", default)).Should().BeFalse("a connection is forgotten once");
    }

    [Fact]
    public async Task Devices_and_accounts_are_counted_apart()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));

        (await a.ConnectedAsync("acc", "laptop", "c1", default)).Should().BeTrue();
        (await b.ConnectedAsync("acc", "phone", "c2", default)).Should().BeTrue("another device of the account");
        (await b.ConnectedAsync("other", "laptop", "c3", default)).Should().BeTrue("a device of another account");

        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["laptop", "phone"]);
        (await b.DisconnectedAsync("acc", "phone", "c2", default)).Should().BeTrue();
        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["laptop"]);
        (await a.GetOnlineDevicesAsync("other", default)).Should().BeEquivalentTo(["laptop"]);
    }

    [Fact]
    public async Task Two_nodes_connecting_and_disconnecting_one_device_at_once_see_exactly_one_first_and_one_last()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));

        for (var i = 0; i < 50; i++)
        {
            var device = $"dev-{i}";
            var connected = await Task.WhenAll(
                Task.Run(() => a.ConnectedAsync("acc", device, "ca", default).AsTask()),
                Task.Run(() => b.ConnectedAsync("acc", device, "cb", default).AsTask())).WaitAsync(TestTimeouts.Default);
            connected.Count(first => first).Should().Be(1, $"one of two simultaneous connections of {device} is its first");

            var disconnected = await Task.WhenAll(
                Task.Run(() => a.DisconnectedAsync("acc", device, "ca", default).AsTask()),
                Task.Run(() => b.DisconnectedAsync("acc", device, "cb", default).AsTask())).WaitAsync(TestTimeouts.Default);
            disconnected.Count(last => last).Should().Be(1, $"one of two simultaneous disconnections of {device} is its last");
        }
        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_devices_of_a_node_whose_heartbeat_is_gone_count_offline_and_its_connections_are_removed()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectedAsync("acc", "laptop", "c1", default);
        await a.ConnectedAsync("acc", "phone", "c2", default);
        (await b.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["laptop", "phone"]);

        // Node a is killed: nothing closes its connections, its heartbeat key expires (here: goes at once).
        await Db.KeyDeleteAsync(Keys.Node(a.NodeId));

        (await b.GetOnlineDevicesAsync("acc", default)).Should().BeEmpty();
        (await Db.HashLengthAsync(Keys.AccountPresence("acc"))).Should().Be(0, "a dead node's connections are cleaned up");
    }

    [Fact]
    public async Task A_connection_left_by_a_dead_node_neither_keeps_a_device_online_nor_hides_its_first_and_last_connection()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectedAsync("acc", "dev", "c1", default);
        await Db.KeyDeleteAsync(Keys.Node(a.NodeId));

        (await b.ConnectedAsync("acc", "dev", "c2", default)).Should().BeTrue("the connection on the dead node does not count");
        (await b.DisconnectedAsync("acc", "dev", "c2", default)).Should().BeTrue();
        (await b.GetOnlineDevicesAsync("acc", default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_dead_node_is_claimed_by_one_node_which_gets_the_accounts_whose_devices_to_tell()
    {
        var (a, b, c) = (await NodeAsync("a"), await NodeAsync("b"), await NodeAsync("c"));
        await Db.HashSetAsync(Keys.Nodes, [new(a.NodeId, 1), new(b.NodeId, 1), new(c.NodeId, 1)]);
        await a.ConnectedAsync("acc1", "laptop", "c1", default);
        await a.ConnectedAsync("acc2", "phone", "c2", default);
        await b.ConnectedAsync("acc1", "tablet", "c3", default);
        await Db.KeyDeleteAsync(Keys.Node(a.NodeId));

        var reaped = await Task.WhenAll(
            Task.Run(() => b.ReapDeadNodesAsync(default)),
            Task.Run(() => c.ReapDeadNodesAsync(default))).WaitAsync(TestTimeouts.Default);

        reaped.SelectMany(r => r).Should().BeEquivalentTo(["acc1", "acc2"], "each account of the dead node once, in the whole cluster");
        reaped.Should().Contain(r => r.Count == 0, "only one node claims the dead one");
        (await Db.HashKeysAsync(Keys.AccountPresence("acc1"))).Select(k => (string)k!).Should().Equal("tablet|c3");
        (await Db.HashLengthAsync(Keys.AccountPresence("acc2"))).Should().Be(0);
        (await Db.HashKeysAsync(Keys.Nodes)).Select(k => (string)k!).Should().BeEquivalentTo([b.NodeId, c.NodeId], "live nodes stay listed");
        (await Db.KeyExistsAsync(Keys.NodeAccounts(a.NodeId))).Should().BeFalse();
        (await b.ReapDeadNodesAsync(default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_node_counts_its_own_connections_even_while_its_heartbeat_key_is_missing()
    {
        var a = await NodeAsync("a");
        await a.ConnectedAsync("acc", "dev", "c1", default);
        await Db.KeyDeleteAsync(Keys.Node(a.NodeId));

        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["dev"], "a node knows it is alive");
    }

    [Fact]
    public async Task The_heartbeat_refreshes_the_node_key_with_its_timeout_on_the_timer_and_writes_back_connections_lost_from_redis()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, heartbeat) = NodeWithHeartbeat("a", time);
        var b = await NodeAsync("b");
        await heartbeat.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
        try
        {
            var ttl = await Db.KeyTimeToLiveAsync(Keys.Node(a.NodeId));
            ttl.Should().NotBeNull("the node beats once before it takes connections");
            ttl!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(15));
            (await Db.HashExistsAsync(Keys.Nodes, a.NodeId)).Should().BeTrue("the node is listed for the others to find when it dies");
            await a.ConnectedAsync("acc", "dev", "c1", default);

            // Redis restarted empty (or node b took node a for dead while it could not reach Redis).
            await Db.KeyDeleteAsync([Keys.Node(a.NodeId), Keys.AccountPresence("acc")]);
            (await b.GetOnlineDevicesAsync("acc", default)).Should().BeEmpty();

            time.Advance(Interval);
            await EventuallyAsync(async () => (await b.GetOnlineDevicesAsync("acc", default)).Contains("dev"), "node a to write its connection back");
            (await Db.KeyExistsAsync(Keys.Node(a.NodeId))).Should().BeTrue();
        }
        finally
        {
            await heartbeat.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
        }
    }

    [Fact]
    public async Task A_node_that_stops_removes_its_heartbeat_and_connections_so_its_devices_go_offline_at_once()
    {
        var (a, heartbeat) = NodeWithHeartbeat("a", new FakeTimeProvider(DateTimeOffset.UtcNow));
        var b = await NodeAsync("b");
        await heartbeat.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await a.ConnectedAsync("acc", "dev", "c1", default);
        await b.ConnectedAsync("acc", "other", "c2", default);

        await heartbeat.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);

        (await Db.KeyExistsAsync(Keys.Node(a.NodeId))).Should().BeFalse();
        (await Db.HashExistsAsync(Keys.Nodes, a.NodeId)).Should().BeFalse("a node that stopped is not one that died");
        (await Db.KeyExistsAsync(Keys.NodeAccounts(a.NodeId))).Should().BeFalse();
        (await Db.HashKeysAsync(Keys.AccountPresence("acc"))).Select(k => (string)k!).Should().Equal("other|c2");
        (await b.GetOnlineDevicesAsync("acc", default)).Should().BeEquivalentTo(["other"]);
    }

    [Fact]
    public async Task A_connection_that_closed_while_redis_did_not_answer_is_removed_at_the_next_heartbeat()
    {
        await using var own = await RedisServer.StartAsync();
        var (a, heartbeat) = NodeWithHeartbeat("a", new FakeTimeProvider(DateTimeOffset.UtcNow), own);
        await heartbeat.BeatAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await a.ConnectedAsync("acc", "dev", "c1", default);

        await own.PauseAsync();
        try
        {
            await FluentActions.Awaiting(() => a.DisconnectedAsync("acc", "dev", "c1", default).AsTask().WaitAsync(TestTimeouts.Default))
                .Should().ThrowAsync<TimeoutException>();
        }
        finally
        {
            await own.ResumeAsync();
        }
        using var direct = await ConnectionMultiplexer.ConnectAsync(own.ConfigurationString).WaitAsync(TestTimeouts.Default);
        (await direct.GetDatabase().HashLengthAsync(Keys.AccountPresence("acc"))).Should().Be(1, "the removal did not reach Redis");

        // The multiplexer reconnects in the background: beat until one gets through.
        await EventuallyAsync(async () =>
        {
            try
            {
                await heartbeat.BeatAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
                return true;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return false;
            }
        }, "a heartbeat to reach Redis again");

        (await direct.GetDatabase().HashLengthAsync(Keys.AccountPresence("acc"))).Should().Be(0);
        (await a.GetOnlineDevicesAsync("acc", default)).Should().BeEmpty();
    }

    private async Task<RedisPresenceTracker> NodeAsync(string name)
    {
        var tracker = new RedisPresenceTracker(Connection(), new HubNode($"{name}-{Guid.NewGuid():N}"));
        // Alive as long as the test runs; tests of expiry delete the key.
        await Db.StringSetAsync(Keys.Node(tracker.NodeId), 1, TimeSpan.FromMinutes(5));
        return tracker;
    }

    private (RedisPresenceTracker Tracker, RedisNodeHeartbeat Heartbeat) NodeWithHeartbeat(string name, TimeProvider time, RedisServer? server = null)
    {
        var connection = Connection(server);
        var node = new HubNode($"{name}-{Guid.NewGuid():N}");
        var tracker = new RedisPresenceTracker(connection, node);
        var options = Options.Create(new SyncHubOptions { NodeHeartbeatInterval = Interval, NodeTimeout = TimeSpan.FromSeconds(15) });
        var heartbeat = new RedisNodeHeartbeat(connection, node, tracker, options, time, NullLogger<RedisNodeHeartbeat>.Instance);
        _disposables.Add(heartbeat);
        return (tracker, heartbeat);
    }

    private RedisConnection Connection(RedisServer? server = null)
    {
        var connection = new RedisConnection(Options.Create(new SyncHubOptions { Redis = (server ?? _redis).ConfigurationString, RedisPrefix = _prefix }));
        _disposables.Add(connection);
        return connection;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (!await condition().WaitAsync(TestTimeouts.Default))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {TestTimeouts.Default} for {what}.");
            await Task.Delay(10);
        }
    }
}
