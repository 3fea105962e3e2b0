using Microsoft.Extensions.Options;

namespace SyncHub.Server.Redis;

/// <summary>
/// Keeps this node's heartbeat key (<see cref="RedisKeys.Node"/>) alive in Redis, every
/// <see cref="SyncHubOptions.NodeHeartbeatInterval"/> with a time to live of <see cref="SyncHubOptions.NodeTimeout"/>.
/// When it finds the key gone (Redis restarted empty, or it could not be reached for longer than the timeout) it writes
/// the node's connections again, since other nodes may have removed them as a dead node's. At a graceful stop it
/// removes the key and the node's connections, so that its devices go offline at once rather than at the timeout. Each
/// beat also removes the connections that closed while Redis could not be reached.
/// </summary>
internal sealed class RedisNodeHeartbeat(
    RedisConnection redis,
    HubNode node,
    RedisPresenceTracker presence,
    IOptions<SyncHubOptions> options,
    TimeProvider timeProvider,
    ILogger<RedisNodeHeartbeat> logger) : BackgroundService
{
    /// <summary>Refreshes the key once; true when it was gone and the node's connections had to be written again.</summary>
    public async Task<bool> BeatAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var previous = await redis.Database.StringSetAndGetAsync(redis.Keys.Node(node.Id), now, options.Value.NodeTimeout).ConfigureAwait(false);
        await redis.Database.HashSetAsync(redis.Keys.Nodes, node.Id, now).ConfigureAwait(false);
        await presence.RemoveUnremovedAsync().ConfigureAwait(false);
        if (!previous.IsNull) return false;
        var count = await presence.RestoreAsync(cancellationToken).ConfigureAwait(false);
        if (count == 0) return false;
        ClusterLog.PresenceRestored(logger, node.Id, count);
        return true;
    }

    /// <summary>Beats once before the node takes connections: until then other nodes would count them as a dead node's.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryBeatAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await redis.Database.KeyDeleteAsync(redis.Keys.Node(node.Id)).ConfigureAwait(false);
            await presence.ForgetAllAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A node that cannot reach Redis while stopping leaves keys that expire on their own.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ClusterLog.ShutdownCleanupFailed(logger, ex, node.Id);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.NodeHeartbeatInterval, timeProvider);
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            await TryBeatAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TryBeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BeatAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Redis may be down for a while (or at start): the next beat tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ClusterLog.HeartbeatFailed(logger, ex, node.Id);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
