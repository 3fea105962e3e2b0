using Microsoft.Extensions.Options;
using SyncHub.Server.Presence;

namespace SyncHub.Server.Redis;

/// <summary>
/// Every <see cref="SyncHubOptions.NodeHeartbeatInterval"/>, looks for nodes whose heartbeat expired (they died without
/// stopping) and pushes the presence of the accounts they held, so that the devices still connected elsewhere see those
/// devices go offline instead of waiting for the next presence change. One node claims each dead node.
/// </summary>
internal sealed class RedisDeadNodeWatcher(
    RedisPresenceTracker presence,
    PresenceNotifier notifier,
    IOptions<SyncHubOptions> options,
    TimeProvider timeProvider,
    ILogger<RedisDeadNodeWatcher> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.NodeHeartbeatInterval, timeProvider);
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var accounts = await presence.ReapDeadNodesAsync(stoppingToken).ConfigureAwait(false);
                if (accounts.Count > 0) ClusterLog.DeadNodeReaped(logger, accounts.Count);
                foreach (var account in accounts)
                {
                    await notifier.NotifyAsync(account).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Redis may be down for a while: the next round looks again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ClusterLog.DeadNodeCheckFailed(logger, ex);
            }
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
