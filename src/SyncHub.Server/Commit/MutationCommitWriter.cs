using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Hubs;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Commit;

/// <summary>
/// The single writer: takes everything waiting in the queue (up to CommitBatchSize mutations), applies it
/// in one store transaction with one flush, answers each caller, then hands the applied changes to the
/// publisher. A store failure answers the batch 'unavailable' and the writer goes on.
/// </summary>
internal sealed class MutationCommitWriter(
    MutationCommitChannel queue,
    IChangeStore store,
    IChangePublisher publisher,
    SyncHubMetrics metrics,
    IOptions<SyncHubOptions> options,
    ILogger<MutationCommitWriter> logger) : BackgroundService
{
    private readonly Channel<PublishItem> _publishQueue = Channel.CreateUnbounded<PublishItem>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking new work; what is already queued is still committed before the writer ends.
        queue.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Publishing runs apart from committing so that a slow connection never holds up the next flush.
        var publishing = Task.Run(PublishLoopAsync, CancellationToken.None);
        var batchLimit = options.Value.CommitBatchSize;
        var reader = queue.Reader;
        var requests = new List<CommitRequest>();
        var pending = new List<PendingMutation>(batchLimit);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                requests.Clear();
                pending.Clear();
                while (reader.TryPeek(out var next) && (requests.Count == 0 || pending.Count + next.Mutations.Count <= batchLimit))
                {
                    reader.TryRead(out _);
                    requests.Add(next);
                    pending.AddRange(next.Mutations);
                }
                await CommitAsync(requests, pending).ConfigureAwait(false);
            }
        }
        finally
        {
            _publishQueue.Writer.TryComplete();
            await publishing.ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<CommitRequest> requests, List<PendingMutation> pending)
    {
        IReadOnlyList<MutationOutcome> outcomes;
        try
        {
            outcomes = await store.ApplyAsync(pending, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any store failure must become an answer, never a dead writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CommitFailed(logger, ex, pending.Count);
            foreach (var request in requests)
            {
                foreach (var m in request.Mutations)
                {
                    metrics.MutationRefused(ErrorCodes.Unavailable);
                }
                request.Completion.TrySetResult(MutationCommitChannel.Unavailable(request.Mutations, "The hub could not store the change right now; send it again later."));
            }
            return;
        }

        metrics.Committed(pending.Count);
        Log.BatchCommitted(logger, pending.Count);

        var offset = 0;
        var publish = new List<PublishItem>();
        foreach (var request in requests)
        {
            var count = request.Mutations.Count;
            var mine = new MutationOutcome[count];
            for (var i = 0; i < count; i++)
            {
                var outcome = outcomes[offset + i];
                mine[i] = outcome;
                if (outcome.Change is not null)
                {
                    metrics.MutationApplied();
                    AddToPublish(publish, request.Mutations[i].Mutation.WorkspaceId, outcome.Change, request.OriginConnectionId);
                }
                else if (outcome.Result.Status != MutationStatuses.Applied)
                {
                    metrics.MutationNotApplied(outcome.Result);
                    LogNotApplied(request.Mutations[i], outcome.Result);
                }
            }
            offset += count;
            request.Completion.TrySetResult(mine);
        }

        foreach (var item in publish)
        {
            _publishQueue.Writer.TryWrite(item);
        }
    }

    private void LogNotApplied(PendingMutation pending, MutationResult result)
    {
        var m = pending.Mutation;
        if (result.Status == MutationStatuses.Conflict)
            Log.MutationConflict(logger, m.MutationId, pending.DeviceId, m.EntityId, m.WorkspaceId);
        else
            Log.MutationRefused(logger, m.MutationId, pending.DeviceId, m.WorkspaceId, result.Code ?? ErrorCodes.InvalidRequest);
    }

    // Changes of a workspace go out in seq order; a run from one connection becomes one push that skips that connection.
    private static void AddToPublish(List<PublishItem> publish, string workspaceId, Change change, string? origin)
    {
        for (var i = publish.Count - 1; i >= 0; i--)
        {
            var item = publish[i];
            if (!string.Equals(item.WorkspaceId, workspaceId, StringComparison.Ordinal)) continue;
            if (string.Equals(item.Origin, origin, StringComparison.Ordinal))
            {
                item.Changes.Add(change);
                return;
            }
            break;
        }
        publish.Add(new PublishItem(workspaceId, origin, [change]));
    }

    private async Task PublishLoopAsync()
    {
        await foreach (var item in _publishQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var push = new ChangesPush { WorkspaceId = item.WorkspaceId, Changes = [.. item.Changes] };
                await publisher.PublishAsync(push, item.Origin, CancellationToken.None).ConfigureAwait(false);
                metrics.ChangesPublished(item.Changes.Count);
            }
#pragma warning disable CA1031 // The push is a hint: a failure is logged and devices catch up by pulling.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PublishFailed(logger, ex, item.Changes.Count, item.WorkspaceId);
            }
        }
    }

    private sealed record PublishItem(string WorkspaceId, string? Origin, List<Change> Changes);
}
