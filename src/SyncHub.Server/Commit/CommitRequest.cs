using SyncHub.Server.Storage;

namespace SyncHub.Server.Commit;

/// <summary>The checked mutations of one Mutate call, waiting for the writer, and where their outcomes go.</summary>
internal sealed class CommitRequest(IReadOnlyList<PendingMutation> mutations, string? originConnectionId)
{
    public IReadOnlyList<PendingMutation> Mutations { get; } = mutations;

    public string? OriginConnectionId { get; } = originConnectionId;

    // The writer must never run a caller's continuation inline.
    public TaskCompletionSource<IReadOnlyList<MutationOutcome>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
