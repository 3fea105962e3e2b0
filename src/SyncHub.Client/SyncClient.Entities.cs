using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    /// <summary>The live entities of the active workspace (<see cref="ActiveWorkspaceId"/>) as this device shows them (local edits included); signed out, the Scratch Pad's.</summary>
    public IReadOnlyList<LocalEntity> GetEntities() => _store.GetEntities(ActiveWorkspaceId);

    /// <summary>
    /// The live entities of one of the account's workspaces (all are synced, not only the active one), or of the Scratch
    /// Pad (<see cref="ScratchPadId"/>, signed in or not). Empty for a synced workspace when signed out.
    /// </summary>
    public IReadOnlyList<LocalEntity> GetEntities(string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        return _session is not null || workspaceId == ScratchPadId ? _store.GetEntities(workspaceId) : [];
    }

    /// <summary>One live entity, or null when it does not exist or is deleted.</summary>
    public LocalEntity? GetEntity(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _store.GetEntity(ActiveWorkspaceId, id);
    }

    /// <summary>
    /// The live children of <paramref name="parentId"/> (null: the roots, such as collections and environments) in their
    /// order: by the body's <c>rank</c>, entities without a rank after those with one, ties by id.
    /// </summary>
    public IReadOnlyList<LocalEntity> GetChildren(string? parentId) => _store.GetChildren(ActiveWorkspaceId, parentId);

    /// <summary>
    /// Creates an entity in the active workspace locally and queues it for the hub (in the Scratch Pad: only locally). Returns its new id at once. A body without a <c>rank</c> gets
    /// one after the last sibling's, so the new entity comes last under its parent; every other field is kept as given.
    /// </summary>
    /// <exception cref="SyncException">
    /// The hub's code for what it would refuse: <c>unknown_kind</c>, <c>malformed_body</c>, <c>invalid_entity</c>,
    /// <c>invalid_parent</c>, <c>payload_too_large</c> (when the hub's limit is known).
    /// </exception>
    public Task<string> CreateAsync(string kind, string? parentId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        var id = EntityIds.New();
        var change = _store.CreateLocal(workspaceId, kind, id, parentId, body, EntityIds.New(), _options.TimeProvider.GetUtcNow(), _store.LoadLimits());
        AfterLocalWrite(workspaceId, change);
        return Task.FromResult(id);
    }

    /// <summary>Replaces an entity's body locally and queues the update.</summary>
    /// <exception cref="SyncException"><c>not_found</c>, <c>malformed_body</c>, <c>invalid_entity</c>, <c>payload_too_large</c>.</exception>
    public Task UpdateAsync(string id, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        AfterLocalWrite(workspaceId, _store.UpdateLocal(workspaceId, id, body, EntityIds.New(), _options.TimeProvider.GetUtcNow(), _store.LoadLimits()));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Moves an entity under another parent (null for a root kind) locally and queues the update. Under a new parent it
    /// goes last; with the same parent its place does not change.
    /// </summary>
    /// <exception cref="SyncException"><c>not_found</c>, <c>invalid_parent</c>.</exception>
    public Task MoveAsync(string id, string? newParentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        AfterLocalWrite(workspaceId, _store.MoveLocal(workspaceId, id, newParentId, null, EntityIds.New(), _options.TimeProvider.GetUtcNow(), _store.LoadLimits()));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Moves and/or reorders an entity: under <paramref name="newParentId"/> (its current parent to only reorder), at
    /// <paramref name="position"/> among the siblings there. It is ONE update carrying the new parent and the new
    /// <c>rank</c> in the body, so other devices see one change.
    /// </summary>
    /// <exception cref="SyncException">
    /// <c>not_found</c> (the entity, or the sibling to place it next to), <c>invalid_parent</c>, <c>invalid_request</c>
    /// (placed next to itself, or right after a sibling without a rank).
    /// </exception>
    public Task MoveAsync(string id, string? newParentId, EntityPosition position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(position);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        AfterLocalWrite(workspaceId, _store.MoveLocal(workspaceId, id, newParentId, position, EntityIds.New(), _options.TimeProvider.GetUtcNow(), _store.LoadLimits()));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Deletes an entity locally and queues the delete. What is below it (a collection's folders, requests, responses and
    /// runs; an environment's variables) disappears locally at once, and the hub deletes it in the same change.
    /// </summary>
    /// <exception cref="SyncException"><c>not_found</c>.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var workspaceId = RequireActiveWorkspace();
        AfterLocalWrite(workspaceId, _store.DeleteLocal(workspaceId, id, EntityIds.New(), _options.TimeProvider.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <summary>Local changes of the active workspace not yet acknowledged by the hub, oldest first.</summary>
    public IReadOnlyList<PendingChange> GetOutbox() => _store.GetOutbox(ActiveWorkspaceId);

    /// <summary>Changes of the active workspace the hub answered with a conflict, oldest first.</summary>
    public IReadOnlyList<ConflictRecord> GetConflicts() => _store.GetConflicts(ActiveWorkspaceId);

    /// <summary>Changes of the active workspace the hub (or this client, for an oversize body) refused for good, oldest first.</summary>
    public IReadOnlyList<FailedChange> GetFailedChanges() => _store.GetFailedChanges(ActiveWorkspaceId);

    private void AfterLocalWrite(string workspaceId, Change change) => AfterLocalWrite(workspaceId, [change]);

    private void AfterLocalWrite(string workspaceId, IReadOnlyList<Change> changes)
    {
        // The Scratch Pad has nothing for the engine to send.
        if (workspaceId != ScratchPadId) _engine?.Post(new EngineSignal.LocalWrite());
        _status.Refresh();
        RaiseEntitiesChanged(workspaceId, changes, remote: false);
    }
}
