using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    /// <summary>
    /// Raised when the hub answers a local change with a conflict, after it was recorded (see <see cref="GetConflicts"/>)
    /// and the entity shows the hub's version. Raised on the engine's thread; keep handlers short.
    /// </summary>
    public event EventHandler<ConflictDetectedEventArgs>? ConflictDetected;

    /// <summary>One conflict by its <see cref="ConflictRecord.Id"/>, or null when there is none (or it was resolved).</summary>
    public ConflictRecord? GetConflict(long id) =>
        ActiveWorkspaceId is { } workspaceId ? _store.GetConflict(workspaceId, id) : null;

    /// <summary>
    /// Settles a conflict. <see cref="ConflictResolution.KeepTheirs"/> drops the local edit (the entity already shows
    /// theirs). <see cref="ConflictResolution.KeepMine"/> queues an update on the version the entity shows now, with the
    /// conflicting fields set to mine and every other field as it is (so the other side's other edits survive), or the
    /// delete again, or, for an edit against a delete, the restore of the entity with mine. <see cref="ConflictResolution.Merged"/>
    /// queues the given body. The queued edit is sent like any other and can itself meet a newer change.
    /// </summary>
    /// <exception cref="SyncException">
    /// <c>not_found</c> when the conflict is unknown or already resolved; for keep mine and merged, what the hub would refuse
    /// (<c>invalid_entity</c>, <c>malformed_body</c>, <c>payload_too_large</c>, <c>invalid_parent</c> when the parent to
    /// restore under is gone); the conflict then stays. <c>unauthorized</c> when signed out.
    /// </exception>
    public Task ResolveAsync(ConflictRecord conflict, ConflictResolution resolution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        ArgumentNullException.ThrowIfNull(resolution);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        var change = _store.ResolveConflict(workspaceId, conflict.Id, resolution, EntityIds.New(), _options.TimeProvider.GetUtcNow(), _store.LoadLimits());
        SyncClientLog.ConflictResolved(_logger, conflict.Id, conflict.EntityId, resolution.Kind);
        if (change is null) _status.Refresh();
        else AfterLocalWrite(workspaceId, change);
        return Task.CompletedTask;
    }

    private void RaiseConflictDetected(ConflictRecord conflict)
    {
        try
        {
            ConflictDetected?.Invoke(this, new ConflictDetectedEventArgs(conflict));
        }
#pragma warning disable CA1031 // An app's handler must not break the engine loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SyncClientLog.HandlerFailed(_logger, nameof(ConflictDetected), ex);
        }
    }
}
