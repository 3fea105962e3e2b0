using SyncHub.Protocol;

namespace SyncHub.Server.Storage;

/// <summary>What <see cref="IChangeStore.ApplyAllOrNothingAsync"/> did: every change, or the index and answer of the mutation that stopped it.</summary>
/// <param name="Changes">The changes applied, in batch order; empty when the batch was rolled back.</param>
/// <param name="FailedIndex">The index of the mutation that was not applied, or -1 when all were.</param>
/// <param name="Failure">That mutation's answer, or null when all were applied.</param>
public sealed record AllOrNothingOutcome(IReadOnlyList<Change> Changes, int FailedIndex, MutationResult? Failure)
{
    /// <summary>Whether the whole batch was applied.</summary>
    public bool Applied => FailedIndex < 0;
}
