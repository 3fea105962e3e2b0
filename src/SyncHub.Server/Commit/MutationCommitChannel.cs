using System.Threading.Channels;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Commit;

/// <summary>
/// The one queue every Mutate call of every connection goes through. A single writer
/// (<see cref="MutationCommitWriter"/>) drains it, so seqs are given out in one order and many waiting
/// mutations share one commit.
/// </summary>
public sealed class MutationCommitChannel
{
    private readonly Channel<CommitRequest> _channel = Channel.CreateUnbounded<CommitRequest>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false }); // multi-reader only so that Count works; one writer task reads

    internal ChannelReader<CommitRequest> Reader => _channel.Reader;

    /// <summary>Mutate calls queued and not yet taken by the writer.</summary>
    internal int WaitingCalls => _channel.Reader.Count;

    /// <summary>Queues checked mutations; completes when they are committed (or refused), with one outcome per mutation in order.</summary>
    public Task<IReadOnlyList<MutationOutcome>> SubmitAsync(IReadOnlyList<PendingMutation> mutations, string? originConnectionId)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        var request = new CommitRequest(mutations, originConnectionId);
        if (!_channel.Writer.TryWrite(request))
            return Task.FromResult(Unavailable(mutations, "The hub is shutting down; send it again shortly."));
        return request.Completion.Task;
    }

    internal void Complete() => _channel.Writer.TryComplete();

    internal static IReadOnlyList<MutationOutcome> Unavailable(IReadOnlyList<PendingMutation> mutations, string message)
    {
        var outcomes = new MutationOutcome[mutations.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = new MutationOutcome(MutationResult.Rejected(mutations[i].Mutation.MutationId, ErrorCodes.Unavailable, message), null);
        }
        return outcomes;
    }
}
