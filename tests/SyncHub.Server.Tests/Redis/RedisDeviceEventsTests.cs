using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Server.Devices;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Hubs;
using SyncHub.Server.Redis;
using SyncHub.Testing;

namespace SyncHub.Server.Tests.Redis;

/// <summary>
/// Device events between two nodes on one Redis channel: each node has its own connection registry, and what one node
/// publishes is applied to the other's connections before the publish completes.
/// </summary>
[Trait("Store", "Redis")]
public sealed class RedisDeviceEventsTests : IAsyncLifetime
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}";
    private readonly List<IAsyncDisposable> _disposables = [];
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.SharedAsync();

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables)) await disposable.DisposeAsync();
    }

    [Fact]
    public async Task A_revocation_published_on_one_node_closes_the_device_connections_on_the_other_before_it_completes()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var laptop = new FakeConnection("conn-laptop");
        var entry = a.Registry.Add(laptop, "acc", "laptop", DateTimeOffset.MaxValue);

        await b.Events.PublishAsync(DeviceEvent.Revoked("laptop")).WaitAsync(TestTimeouts.Default);

        entry.IsRevoked.Should().BeTrue();
        laptop.Aborted.Should().BeTrue();
        var late = new FakeConnection("conn-late");
        a.Registry.Add(late, "acc", "laptop", DateTimeOffset.MaxValue).IsRevoked.Should().BeTrue("a connection registered after the revocation is refused too");
    }

    [Fact]
    public async Task A_renewal_on_one_node_extends_the_device_connections_on_the_other()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var entry = a.Registry.Add(new FakeConnection("conn-1"), "acc", "laptop", DateTimeOffset.UnixEpoch.AddDays(1));
        var renewed = DateTimeOffset.UnixEpoch.AddDays(30);

        await b.Events.PublishAsync(DeviceEvent.Renewed("laptop", renewed)).WaitAsync(TestTimeouts.Default);

        entry.ExpiresAt.Should().Be(renewed);
    }

    [Fact]
    public async Task A_sign_out_request_published_on_one_node_completes_when_the_device_acknowledges_on_the_other()
    {
        var (a, b) = (await NodeAsync(), await NodeAsync());
        var entry = a.Registry.Add(new FakeConnection("conn-1"), "acc", "laptop", DateTimeOffset.MaxValue);
        // A grace far beyond the test's waits: the request can only complete early through the acknowledgement on node a.
        var request = new SignOutRequest { RequestedBy = "phone", RequestedByName = "phone", GraceMilliseconds = 600_000 };

        var asked = b.Events.PublishAsync(DeviceEvent.SignOutRequested("laptop", request));
        await TestWait.UntilAsync(entry.AcknowledgeSignOut, "node a to wait for the acknowledgement");

        await asked.WaitAsync(TestTimeouts.Default);
        entry.IsRevoked.Should().BeFalse("asking is not signing out");
    }

    [Fact]
    public async Task An_event_for_a_device_no_node_holds_completes_once_every_node_confirmed()
    {
        var (_, b) = (await NodeAsync(), await NodeAsync());
        var request = new SignOutRequest { RequestedBy = "phone", RequestedByName = "phone", GraceMilliseconds = 600_000 };

        await b.Events.PublishAsync(DeviceEvent.SignOutRequested("nowhere", request)).WaitAsync(TestTimeouts.Default);
    }

    private async Task<Node> NodeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSignalR();
        services.AddMetrics();
        services.AddSingleton<SyncHubMetrics>();
        var provider = services.BuildServiceProvider();
        _disposables.Add(provider);
        var options = Options.Create(new SyncHubOptions { Redis = _redis.ConfigurationString, RedisPrefix = _prefix });
        var connection = new RedisConnection(options);
        _disposables.Add(new DisposeAction(connection.Dispose));
        var registry = new DeviceConnectionRegistry(TimeProvider.System, provider.GetRequiredService<SyncHubMetrics>());
        var handler = new DeviceEventHandler(registry, provider.GetRequiredService<IHubContext<SyncHubEndpoint>>(), TimeProvider.System, NullLogger<DeviceEventHandler>.Instance);
        var events = new RedisDeviceEvents(connection, new HubNode(), handler, TimeProvider.System, NullLogger<RedisDeviceEvents>.Instance);
        await events.StartAsync(CancellationToken.None).WaitAsync(TestTimeouts.Default);
        _disposables.Add(new DisposeAction(() => events.StopAsync(CancellationToken.None).Wait(TestTimeouts.Default)));
        return new Node(registry, events);
    }

    private sealed record Node(DeviceConnectionRegistry Registry, RedisDeviceEvents Events);

    private sealed class DisposeAction(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FakeConnection(string connectionId) : HubCallerContext
    {
        public bool Aborted { get; private set; }

        public override string ConnectionId { get; } = connectionId;

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => Aborted = true;
    }
}
