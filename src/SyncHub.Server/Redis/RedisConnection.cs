using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SyncHub.Server.Redis;

/// <summary>
/// The node's connection to Redis for its stores (the SignalR backplane keeps its own). It connects on first use and,
/// with <c>abortConnect=false</c>, keeps reconnecting in the background: a node starts while Redis is down and recovers
/// when it is back, without a restart. Commands made while Redis is unreachable fail fast; the stores turn that into
/// <see cref="SyncHub.Protocol.ErrorCodes.Unavailable"/>.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<SyncHubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Keys = new RedisKeys(settings.RedisPrefix);
        var configuration = CreateConfiguration(settings.Redis ?? throw new InvalidOperationException("SyncHub:Redis is not set."));
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RedisKeys Keys { get; }

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>The settings the node uses for Redis: the operator's string, never aborting on a failed first connect.</summary>
    public static ConfigurationOptions CreateConfiguration(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        // A node must notice a dead Redis within seconds, not the library's default minute or more.
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 2000;
        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) options.SyncTimeout = 2000;
        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) options.AsyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}
