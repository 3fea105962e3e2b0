using Microsoft.Extensions.Options;

namespace SyncHub.Server.Redis;

/// <summary>
/// Connects to Redis at start and says where the node keeps its data. A Redis that is down does not fail the start: the
/// node answers <c>unavailable</c> and <c>/readyz</c> fails until Redis answers, and it connects on its own then.
/// </summary>
internal sealed class RedisStoreInitializer(RedisConnection redis, IOptions<SyncHubOptions> options, ILogger<RedisStoreInitializer> logger) : IHostedService
{
    /// <summary>The version of the key layout (<see cref="RedisKeys"/>); a layout change that old data cannot be read in bumps it.</summary>
    public const int SchemaVersion = 1;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The endpoints only: the configuration string may carry a password.
        var endpoints = string.Join(",", RedisConnection.CreateConfiguration(options.Value.Redis!).EndPoints.Select(e => e.ToString()));
        var multiplexer = redis.Multiplexer;
        Internal.Log.StoreOpened(logger, "redis", $"{endpoints} (key prefix '{redis.Keys.Prefix}')", SchemaVersion);
        if (!multiplexer.IsConnected)
            RedisLog.ClusterModeStartedDisconnected(logger, endpoints, redis.Keys.Prefix);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
