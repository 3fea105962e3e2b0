using SyncHub.Protocol;

namespace SyncHub.Server.Storage;

/// <summary>
/// The durable change log of workspaces and the entities it builds. The SQLite store implements it;
/// a Redis store follows the same contract.
/// </summary>
public interface IChangeStore
{
    /// <summary>
    /// Applies already-validated mutations in order, atomically and durably: when the task completes,
    /// every applied change is on disk. Returns one outcome per mutation, in the same order. Throws when
    /// the store itself fails; then nothing of the batch was applied.
    /// </summary>
    Task<IReadOnlyList<MutationOutcome>> ApplyAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Applies every mutation of <paramref name="batch"/> or none, in one durable transaction (an import): when one
    /// would not be applied (refused, a conflict, a replay), nothing of the batch is, and the outcome names that one.
    /// Throws when the store itself fails; then nothing was applied either.
    /// </summary>
    Task<AllOrNothingOutcome> ApplyAllOrNothingAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="afterSeq"/>, read consistently with the head.</summary>
    Task<ChangePage> GetChangesAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The newest seq of the workspace (0 when it has none).</summary>
    Task<long> GetHeadSeqAsync(string workspaceId, CancellationToken cancellationToken);
}
