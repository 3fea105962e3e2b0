using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>What applying a batch of mutation results did to the local store.</summary>
internal sealed record ResultsOutcome(
    int Applied, int Conflicts, int Failed, int Transient, long Cursor, IReadOnlyList<Change> VisibleChanges,
    IReadOnlyList<ConflictRecord> NewConflicts)
{
    /// <summary>Entries that left the outbox: the outbox drained by this many.</summary>
    public int Progress => Applied + Conflicts + Failed;
}
