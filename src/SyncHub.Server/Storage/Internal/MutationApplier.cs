using SyncHub.Protocol;

namespace SyncHub.Server.Storage.Internal;

/// <summary>
/// The rules of applying one mutation, the same for every store: idempotency, existence, base version (with the
/// three-way merge), parent rules, then the next seq, the entity row and the change (with a container's cascade).
/// The store supplies <see cref="IMutationState"/> inside its transaction and commits or rolls back around it.
/// </summary>
internal sealed partial class MutationApplier(IMutationState state, int maxBodyBytes)
{
    private const int MaxTreeDepth = 1000;

    public MutationOutcome Apply(PendingMutation pending, long timestamp)
    {
        var m = pending.Mutation;
        if (state.FindApplied(m.WorkspaceId, m.MutationId) is { } applied)
            return new MutationOutcome(AsFirstAnswered(m, MutationResult.Applied(m.MutationId, applied.Seq, applied.Version)), null);

        var current = state.FindEntity(m.WorkspaceId, m.EntityId);
        string? parentId;
        string? body;
        long version;
        var merged = false;
        switch (m.Op)
        {
            case MutationOps.Create:
                if (current is not null)
                {
                    return Reject(m, ErrorCodes.AlreadyExists, current.Deleted
                        ? $"An entity with id '{m.EntityId}' existed in this workspace and was deleted; ids are not reused. Create it under a new id."
                        : $"An entity with id '{m.EntityId}' already exists in this workspace. Create it under a new id or update the existing one.");
                }
                if (CheckParent(m.WorkspaceId, m.Kind, m.ParentId, m.EntityId) is { } createParentError)
                    return Reject(m, ErrorCodes.InvalidParent, createParentError);
                parentId = m.ParentId;
                body = m.Body;
                version = 1;
                break;

            case MutationOps.Update:
            case MutationOps.Delete:
                if (current is null)
                    return Reject(m, ErrorCodes.NotFound, $"There is no entity '{m.EntityId}' in this workspace to {m.Op}.");
                if (current.Deleted)
                {
                    // "Keep mine" against a delete: an update made on the tombstone's own version brings the entity back.
                    if (m.Op != MutationOps.Update || current.Version != m.BaseVersion)
                        return Conflict(MutationResult.ConflictWith(m.MutationId, State(m, current), $"The {current.Kind} '{m.EntityId}' was deleted (version {current.Version}) after the version {m.BaseVersion} this edit was made on. Send the update on version {current.Version} to restore it."));
                    if (!string.Equals(current.Kind, m.Kind, StringComparison.Ordinal))
                        return Reject(m, ErrorCodes.InvalidRequest, $"The entity '{m.EntityId}' is a {current.Kind}; an {m.Op} cannot make it a {m.Kind}.");
                    if (CheckParent(m.WorkspaceId, m.Kind, m.ParentId, m.EntityId) is { } restoreParentError)
                        return Reject(m, ErrorCodes.InvalidParent, $"{restoreParentError} The {m.Kind} '{m.EntityId}' cannot be restored there.");
                    parentId = m.ParentId;
                    body = m.Body;
                }
                else if (current.Version != m.BaseVersion)
                {
                    if (m.Op != MutationOps.Update || m.BaseBody is null || !string.Equals(current.Kind, m.Kind, StringComparison.Ordinal))
                        return Conflict(MutationResult.ConflictWith(m.MutationId, State(m, current), $"The {current.Kind} '{m.EntityId}' is at version {current.Version}, but this edit was made on version {m.BaseVersion}. Resolve the conflict and send it again on version {current.Version}."));
                    if (TryMerge(m, current, out var mergedContent) is { } notMerged) return notMerged;
                    parentId = mergedContent!.ParentId;
                    body = mergedContent.Body;
                    merged = true;
                }
                else
                {
                    if (!string.Equals(current.Kind, m.Kind, StringComparison.Ordinal))
                        return Reject(m, ErrorCodes.InvalidRequest, $"The entity '{m.EntityId}' is a {current.Kind}; an {m.Op} cannot make it a {m.Kind}.");
                    if (m.Op == MutationOps.Update)
                    {
                        if (CheckParent(m.WorkspaceId, m.Kind, m.ParentId, m.EntityId) is { } updateParentError)
                            return Reject(m, ErrorCodes.InvalidParent, updateParentError);
                        parentId = m.ParentId;
                        body = m.Body;
                    }
                    else
                    {
                        parentId = current.ParentId;
                        body = null;
                    }
                }
                version = current.Version + 1;
                break;

            default:
                return Reject(m, ErrorCodes.InvalidRequest, $"Unknown op '{m.Op}'.");
        }

        if (state.NextSeq(m.WorkspaceId) is not { } seq)
            return Reject(m, ErrorCodes.Forbidden, $"Workspace '{m.WorkspaceId}' is not one of yours.");
        var deleted = m.Op == MutationOps.Delete;
        state.UpsertEntity(m.WorkspaceId, m.EntityId, new StoredEntity(m.Kind, parentId, version, deleted, seq));

        // The descendants go in the same transaction and the same seq: every device applies the delete whole or not at all.
        CascadedDelete[]? cascade = null;
        if (deleted && EntityValidator.AllowedChildren(m.Kind).Count > 0)
        {
            var descendants = FindLiveDescendants(m.WorkspaceId, m.EntityId);
            if (descendants.Count > 0)
            {
                cascade = [.. descendants];
                foreach (var d in cascade)
                {
                    state.UpsertEntity(m.WorkspaceId, d.EntityId, new StoredEntity(d.Kind, d.ParentId, d.Version, Deleted: true, seq));
                }
            }
        }

        var change = new Change
        {
            Seq = seq,
            Op = m.Op,
            Kind = m.Kind,
            EntityId = m.EntityId,
            ParentId = parentId,
            Body = body,
            Version = version,
            MutationId = m.MutationId,
            DeviceId = pending.DeviceId,
            Timestamp = timestamp,
            Cascade = cascade,
        };
        state.InsertChange(m.WorkspaceId, change);
        var result = merged
            ? MutationResult.MergedInto(m.MutationId, seq, version, parentId, body!)
            : MutationResult.Applied(m.MutationId, seq, version);
        return new MutationOutcome(result, change);
    }

    /// <summary>Every live entity below <paramref name="rootId"/>, at any depth, parents before children, each at its tombstone version.</summary>
    /// <remarks>
    /// One scan of the workspace's live entities, then a walk in memory. An index by parent would make this a few seeks,
    /// but every create and update would then maintain it, and write throughput is what the hub is measured on; deletes
    /// of containers are rare next to creates and updates.
    /// </remarks>
    private List<CascadedDelete> FindLiveDescendants(string workspaceId, string rootId)
    {
        var children = new Dictionary<string, List<(string Id, string Kind, long Version)>>(StringComparer.Ordinal);
        foreach (var live in state.LiveEntities(workspaceId))
        {
            if (live.ParentId is null) continue;
            if (!children.TryGetValue(live.ParentId, out var list))
                children[live.ParentId] = list = [];
            list.Add((live.EntityId, live.Kind, live.Version));
        }
        var result = new List<CascadedDelete>();
        var queue = new Queue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { rootId };
        queue.Enqueue(rootId);
        while (queue.TryDequeue(out var parentId))
        {
            if (!children.TryGetValue(parentId, out var list)) continue;
            foreach (var (id, kind, version) in list)
            {
                // The parent checks keep the tree acyclic; 'seen' guards the walk should a cycle ever be stored.
                if (!seen.Add(id)) continue;
                result.Add(new CascadedDelete { EntityId = id, Kind = kind, ParentId = parentId, Version = version + 1 });
                queue.Enqueue(id);
            }
        }
        return result;
    }

    private string? CheckParent(string workspaceId, string kind, string? parentId, string entityId)
    {
        var allowed = EntityValidator.AllowedParents(kind);
        if (allowed.Count == 0)
            return parentId is null ? null : $"A {kind} is a root: its parentId must be null.";
        if (parentId is null)
            return $"A {kind} needs a parent ({string.Join(" or ", allowed)}).";
        if (string.Equals(parentId, entityId, StringComparison.Ordinal))
            return $"The {kind} '{entityId}' cannot be its own parent.";
        var parent = state.FindEntity(workspaceId, parentId);
        if (parent is null)
            return $"The parent '{parentId}' does not exist in this workspace.";
        if (parent.Deleted)
            return $"The parent '{parentId}' was deleted.";
        if (!allowed.Contains(parent.Kind))
            return $"A {parent.Kind} cannot hold a {kind}; the parent must be a {string.Join(" or ", allowed)}.";

        // A move must not put an entity below itself.
        var ancestor = parent.ParentId;
        for (var depth = 0; ancestor is not null && depth < MaxTreeDepth; depth++)
        {
            if (string.Equals(ancestor, entityId, StringComparison.Ordinal))
                return $"The parent '{parentId}' is inside '{entityId}': an entity cannot be moved below itself.";
            ancestor = state.FindEntity(workspaceId, ancestor)?.ParentId;
        }
        return null;
    }

    // Only a conflict needs the body: it is stored once, in the change that made the entity's current version.
    private EntityState State(Mutation m, StoredEntity row)
    {
        var body = row.Deleted ? null : state.FindChange(m.WorkspaceId, row.Seq)?.Body;
        return new EntityState
        {
            EntityId = m.EntityId,
            Kind = row.Kind,
            ParentId = row.ParentId,
            Body = body,
            Version = row.Version,
            Deleted = row.Deleted,
        };
    }

    private static MutationOutcome Reject(Mutation m, string code, string message) =>
        new(MutationResult.Rejected(m.MutationId, code, message), null);

    private static MutationOutcome Conflict(MutationResult result) => new(result, null);

}
