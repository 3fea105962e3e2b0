using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Retention;

/// <summary>
/// Keeps each workspace's change log to <see cref="SyncHubOptions.ChangeLogRetention"/> changes, in the background: at
/// start it prunes every workspace over the limit, then the ones the hub reports (<see cref="Committed"/>) once they are a
/// tenth over it, so the commit path never waits for a prune and a prune is never one change at a time.
/// </summary>
internal sealed class ChangeLogPruner(IChangeLogRetention retention, IOptions<SyncHubOptions> options, ILogger<ChangeLogPruner> logger)
    : BackgroundService
{
    private const int MaxKnownWorkspaces = 100_000;
    private readonly int _keep = options.Value.ChangeLogRetention;
    private readonly int _slack = Math.Max(1, options.Value.ChangeLogRetention / 10);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, long> _prunedThrough = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    /// <summary>The hub committed changes of <paramref name="workspaceId"/> up to <paramref name="seq"/>: queue a prune once over the limit.</summary>
    public void Committed(string workspaceId, long seq)
    {
        var floor = _prunedThrough.TryGetValue(workspaceId, out var known) ? known : 0;
        if (seq - floor <= _keep + _slack) return;
        if (_queued.TryAdd(workspaceId, 0)) _queue.Writer.TryWrite(workspaceId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host goes on starting while the first scan runs.
        await Task.Yield();
        try
        {
            foreach (var workspaceId in await retention.FindWorkspacesOverAsync(_keep, stoppingToken).ConfigureAwait(false))
            {
                await PruneAsync(workspaceId, stoppingToken).ConfigureAwait(false);
            }
            await foreach (var workspaceId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _queued.TryRemove(workspaceId, out _);
                await PruneAsync(workspaceId, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PruneAsync(string workspaceId, CancellationToken stoppingToken)
    {
        try
        {
            var floor = await retention.PruneAsync(workspaceId, _keep, stoppingToken).ConfigureAwait(false);
            if (_prunedThrough.Count >= MaxKnownWorkspaces) _prunedThrough.Clear();
            _prunedThrough[workspaceId] = floor;
            Log.ChangeLogPruned(logger, workspaceId, floor);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed prune only leaves the log longer; the workspace's next changes queue it again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PruneFailed(logger, ex, workspaceId);
        }
    }
}
