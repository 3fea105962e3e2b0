using SyncHub.Protocol;
using SyncHub.Server.Hubs;

namespace SyncHub.Bench.Cluster;

/// <summary>
/// Diagnostic only (<c>--cluster-publish pipelined</c>): the hub's own publisher, but answered at once instead of after
/// the send completes, so the commit writer's publish loop no longer waits one Redis round trip (the backplane's
/// PUBLISH) per push. The sends are still issued in order on one Redis connection, so Redis delivers them in order.
/// It measures what the serial publish loop costs; it is not how the hub ships.
/// </summary>
internal sealed class PipelinedChangePublisher(HubChangePublisher inner) : IChangePublisher
{
    private long _failures;

    /// <summary>Sends that failed (the push is a hint: devices would catch up by pulling; the delivery audit counts the gaps).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public Task PublishAsync(ChangesPush push, string? originConnectionId, CancellationToken cancellationToken)
    {
        var send = inner.PublishAsync(push, originConnectionId, cancellationToken);
        if (!send.IsCompleted)
        {
            _ = send.ContinueWith(t => Interlocked.Increment(ref _failures), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        else if (send.IsFaulted)
        {
            Interlocked.Increment(ref _failures);
        }
        return Task.CompletedTask;
    }
}
