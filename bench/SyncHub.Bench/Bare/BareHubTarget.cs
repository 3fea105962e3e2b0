using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ConfigurationOptions = StackExchange.Redis.ConfigurationOptions;
using RedisChannel = StackExchange.Redis.RedisChannel;
using SyncHub.Bench.Cluster;
using SyncHub.Bench.Targets;
using SyncHub.Protocol;

namespace SyncHub.Bench.Bare;

/// <summary>
/// Hosts <see cref="BareSyncHub"/> on Kestrel at 127.0.0.1:0 with the JSON and MessagePack hub protocols: one node, or
/// (given a Redis) several nodes joined by the SignalR Redis backplane (<c>AddStackExchangeRedis</c>), as a SignalR app
/// scales out when it only forwards.
/// </summary>
internal sealed class BareHubTarget : IBenchTarget
{
    public const long MaxMessageBytes = 2 * 1024 * 1024;

    private readonly BenchRedisServer? _redis;
    private readonly int _nodes;
    private readonly List<WebApplication> _apps = [];
    private readonly List<Uri> _hubUrls = [];

    /// <summary>One node, no backplane.</summary>
    public BareHubTarget()
        : this(null, 1)
    {
    }

    private BareHubTarget(BenchRedisServer? redis, int nodes)
    {
        _redis = redis;
        _nodes = nodes;
    }

    /// <summary><paramref name="nodes"/> nodes on the Redis backplane of <paramref name="redis"/>, under a channel prefix of their own.</summary>
    public static BareHubTarget WithBackplane(BenchRedisServer redis, int nodes) => new(redis, nodes);

    public string Name => _redis is null ? "bare SignalR hub" : $"bare hub, Redis backplane ({_nodes} nodes)";

    public bool HasStore => false;

    public int Nodes => _nodes;

    public ProcessUsage? Helper => _redis?.Usage;

    public Uri HubUrl => _hubUrls.Count > 0 ? _hubUrls[0] : throw new InvalidOperationException("The bare hub is not started.");

    public Uri HubUrlFor(int accountIndex, int deviceIndex) => _hubUrls[(accountIndex + deviceIndex) % _hubUrls.Count];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var channelPrefix = $"bare{Guid.NewGuid():N}:signalr";
        for (var n = 0; n < _nodes; n++)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<BareSequenceCounter>();
            var signalR = builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = MaxMessageBytes).AddMessagePackProtocol();
            if (_redis is not null)
            {
                // The settings a SyncHub node gives its backplane (SyncHub.Server's RedisConnection), so the two differ only in what the hub does.
                signalR.AddStackExchangeRedis(o =>
                {
                    o.Configuration = ConfigurationOptions.Parse(_redis.ConfigurationString);
                    o.Configuration.AbortOnConnectFail = false;
                    o.Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
                });
            }
            var app = builder.Build();
            app.MapHub<BareSyncHub>(HubRoutes.Hub);
            _apps.Add(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            _hubUrls.Add(new Uri(ServerAddress(app), HubRoutes.Hub));
        }
    }

    public Task<IReadOnlyList<BenchAccount>> ProvisionAccountsAsync(int accounts, int devicesPerAccount, CancellationToken cancellationToken)
    {
        var list = new List<BenchAccount>(accounts);
        for (var i = 0; i < accounts; i++)
        {
            list.Add(new BenchAccount(i, $"bare-workspace-{i}", new string?[devicesPerAccount]));
        }
        return Task.FromResult<IReadOnlyList<BenchAccount>>(list);
    }

    public CommitCounters? ReadCommitCounters() => null;

    public Task<string?> DescribeStorageAsync() => Task.FromResult<string?>(null);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        _apps.Clear();
        _hubUrls.Clear();
    }

    internal static Uri ServerAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
