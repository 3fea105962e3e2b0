using SyncHub.Protocol;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    /// <summary>
    /// The id of the Scratch Pad: the workspace of this profile that is never synced. Hub workspace ids are 32 hex
    /// digits, so this one never names a hub workspace.
    /// </summary>
    public const string ScratchPadId = "scratch";

    /// <summary>
    /// Whether the entity API works on the Scratch Pad: when it was entered with <see cref="EnterScratchPad"/>, or when no
    /// one is signed in.
    /// </summary>
    public bool IsInScratchPad => ActiveWorkspaceId == ScratchPadId;

    /// <summary>
    /// Makes the Scratch Pad the active workspace, signed in or not; kept in the profile, through sign-out and sign-in,
    /// until <see cref="SwitchWorkspace"/> chooses a synced workspace. What is made there stays on this device: it is
    /// never queued, sent, reloaded or removed by a sign-out.
    /// </summary>
    public void EnterScratchPad()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _store.SaveActiveWorkspaceId(ScratchPadId);
    }

    /// <summary>
    /// Creates <paramref name="entities"/> in the active workspace (synced or the Scratch Pad), all or nothing: every one
    /// is checked first as <see cref="CreateAsync"/> would check it (id, kind, body, size against the hub's known limit,
    /// parent in the workspace or earlier in the list, allowed parent kind), then all of them are stored with their
    /// outbox entries (none in the Scratch Pad) in one local transaction. Bodies without a <c>rank</c> get one after the
    /// last sibling, in list order; given ranks are kept. The engine sends them in batches like any other edits.
    /// </summary>
    /// <returns>The ids created, in the order given.</returns>
    /// <exception cref="SyncException">
    /// The code of the first invalid entity (<c>invalid_request</c> for an id, <c>already_exists</c>, <c>unknown_kind</c>,
    /// <c>malformed_body</c>, <c>invalid_entity</c>, <c>invalid_parent</c>, <c>payload_too_large</c>), with a message
    /// naming its index and id; nothing is stored then.
    /// </exception>
    public Task<IReadOnlyList<string>> CreateManyAsync(IReadOnlyList<NewEntity> entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        if (entities.Count == 0) return Task.FromResult<IReadOnlyList<string>>([]);
        var changes = _store.CreateMany(workspaceId, entities, _options.TimeProvider.GetUtcNow(), _store.LoadLimits());
        AfterLocalWrite(workspaceId, changes);
        return Task.FromResult<IReadOnlyList<string>>([.. changes.Select(c => c.EntityId)]);
    }

    /// <summary>
    /// Moves everything in the Scratch Pad into <paramref name="workspaceId"/>, one of the account's workspaces, in one
    /// local transaction: copies under new ids with the same tree and ranks (the roots after the workspace's last root,
    /// in their Scratch Pad order), each queued for the hub as a create, and the Scratch Pad emptied. All or nothing. The
    /// active workspace does not change.
    /// </summary>
    /// <returns>How many entities moved (0 when the Scratch Pad is empty).</returns>
    /// <exception cref="SyncException">
    /// <c>unauthorized</c> when signed out; <c>not_found</c> when <paramref name="workspaceId"/> is not one of the
    /// account's known workspaces; <c>payload_too_large</c> when an entity is over the hub's limit (nothing moves then).
    /// </exception>
    public Task<int> MoveScratchPadToAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        cancellationToken.ThrowIfCancellationRequested();
        RequireSession();
        if (workspaceId == ScratchPadId || !Workspaces.Any(w => w.WorkspaceId == workspaceId))
            throw new SyncException(ErrorCodes.NotFound, $"Workspace '{workspaceId}' is not one of this account's workspaces (list them to refresh).");
        var (created, removed) = _store.MoveScratchPad(workspaceId, _options.TimeProvider.GetUtcNow(), _store.LoadLimits());
        if (created.Count == 0) return Task.FromResult(0);
        AfterLocalWrite(workspaceId, created);
        RaiseEntitiesChanged(ScratchPadId, removed, remote: false);
        return Task.FromResult(created.Count);
    }
}
