namespace SyncHub.Client;

/// <summary>A snapshot of a <see cref="SyncClient"/>'s state, for showing to a person.</summary>
/// <param name="State">The connection state.</param>
/// <param name="Activity">While <see cref="SyncState.Online"/>: syncing or in sync; otherwise <see cref="SyncActivity.None"/>.</param>
/// <param name="PendingChanges">Local changes in the outbox, not yet acknowledged by the hub.</param>
/// <param name="Conflicts">Changes the hub answered with a conflict, waiting to be resolved.</param>
/// <param name="FailedChanges">Changes the hub refused for good.</param>
/// <param name="ErrorCode">In <see cref="SyncState.Error"/> (or while retrying): a stable code such as <c>unauthorized</c> or <c>outbox_stalled</c>.</param>
/// <param name="ErrorMessage">A sentence for a person explaining <paramref name="ErrorCode"/>.</param>
/// <param name="OldestPendingAge">How long the oldest pending change has waited, or null when nothing is pending.</param>
/// <param name="At">When this status was taken.</param>
public sealed record SyncStatus(
    SyncState State, SyncActivity Activity, int PendingChanges, int Conflicts, int FailedChanges,
    string? ErrorCode, string? ErrorMessage, TimeSpan? OldestPendingAge, DateTimeOffset At)
{
    /// <summary>
    /// While <see cref="SyncState.Online"/> (or in <see cref="SyncState.Error"/> with the connection open): the hub node
    /// (one of <see cref="SyncSession.ServerUrls"/>) the client is connected through; otherwise null.
    /// </summary>
    public Uri? ConnectedUrl { get; init; }
}
