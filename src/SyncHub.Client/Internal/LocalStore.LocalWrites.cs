using System.Text;
using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// Local writes: each changes the visible entity and appends its outbox entry in one transaction, and refuses
/// what the hub would refuse, with the hub's code, before anything is stored.
/// </summary>
internal sealed partial class LocalStore
{
    public Change CreateLocal(string workspaceId, string kind, string id, string? parentId, string body, string mutationId, DateTimeOffset now, HubLimits? limits)
    {
        if (!EntityIds.IsValid(id)) throw new SyncException(ErrorCodes.InvalidRequest, $"'{id}' is not a valid entity id: use 1 to {EntityIds.MaxLength} letters, digits, '.', '_' or '-'.");
        CheckBody(kind, body, limits);
        return Write((c, tx) =>
        {
            if (LoadEntity(c, tx, workspaceId, id) is not null)
                throw new SyncException(ErrorCodes.AlreadyExists, $"An entity with id '{id}' already exists in this workspace.");
            CheckParent(c, tx, workspaceId, kind, parentId, selfId: null);
            // Without a rank of its own, a new entity goes after its last sibling.
            if (RankedBody.ReadRank(body) is null)
            {
                body = RankedBody.WithRank(body, EntityRank.After(LastRank(c, tx, workspaceId, parentId)));
                CheckBody(kind, body, limits);
            }
            var row = new EntityRow(workspaceId, id, kind, parentId, body, false, null, null, 0, false);
            UpsertEntity(c, tx, row);
            if (!IsScratchPad(workspaceId)) AppendOutbox(c, tx, workspaceId, mutationId, MutationOps.Create, kind, id, parentId, body, 0, now);
            return VisibleChange(row, MutationOps.Create, mutationId: mutationId);
        });
    }

    public Change UpdateLocal(string workspaceId, string id, string body, string mutationId, DateTimeOffset now, HubLimits? limits) =>
        Write((c, tx) =>
        {
            var row = LoadLive(c, tx, workspaceId, id);
            CheckBody(row.Kind, body, limits);
            return Edit(c, tx, row with { Body = body }, MutationOps.Update, mutationId, now);
        });

    /// <summary>
    /// Moves and/or reorders as ONE update carrying the new parent and the new rank. Without a position, a move to
    /// another parent goes last there and a "move" to the same parent changes nothing but the parent field.
    /// </summary>
    public Change MoveLocal(string workspaceId, string id, string? newParentId, EntityPosition? position, string mutationId, DateTimeOffset now, HubLimits? limits = null) =>
        Write((c, tx) =>
        {
            var row = LoadLive(c, tx, workspaceId, id);
            CheckParent(c, tx, workspaceId, row.Kind, newParentId, selfId: id);
            if (position is null && row.ParentId != newParentId) position = EntityPosition.Last;
            var body = row.Body!;
            if (position is not null)
            {
                if (position.AnchorId == id)
                    throw new SyncException(ErrorCodes.InvalidRequest, "An entity cannot be placed before or after itself.");
                body = RankedBody.WithRank(body, RankAt(Siblings(c, tx, workspaceId, newParentId, exceptId: id), position));
                CheckBody(row.Kind, body, limits);
            }
            return Edit(c, tx, row with { ParentId = newParentId, Body = body }, MutationOps.Update, mutationId, now);
        });

    /// <summary>Deletes the entity and hides its descendants at once; the one outbox entry is the entity's (the hub cascades).</summary>
    public IReadOnlyList<Change> DeleteLocal(string workspaceId, string id, string mutationId, DateTimeOffset now) =>
        Write<IReadOnlyList<Change>>((c, tx) =>
        {
            var row = LoadLive(c, tx, workspaceId, id);
            if (IsScratchPad(workspaceId)) return DeleteScratchTree(c, tx, row);
            var changes = new List<Change> { Edit(c, tx, row with { Deleted = true }, MutationOps.Delete, mutationId, now) };
            if (EntityValidator.AllowedChildren(row.Kind).Count > 0) changes.AddRange(HideDescendants(c, tx, workspaceId, id));
            return changes;
        });

    private static Change Edit(SqliteConnection c, SqliteTransaction tx, EntityRow edited, string op, string mutationId, DateTimeOffset now)
    {
        if (IsScratchPad(edited.WorkspaceId))
        {
            // Local only: the row is all there is, with no hub copy to base an edit on and nothing to queue.
            UpsertEntity(c, tx, edited);
            return VisibleChange(edited, op, mutationId: mutationId);
        }
        // The base is the hub version the user's chain of edits started from: the base of the last pending edit of this
        // entity if there is one (acks rewrite it as they arrive), else the hub's copy the user is looking at. The base
        // content, which lets the hub merge the edit if the entity moves on meanwhile, is what this edit was made on:
        // the last pending edit, else the hub's copy.
        var last = LastPendingEdit(c, tx, edited.WorkspaceId, edited.Id);
        var baseVersion = last?.BaseVersion ?? edited.ServerVersion;
        var (baseParentId, baseBody) = last is not null ? (last.ParentId, last.Body) : (edited.ServerParentId, edited.ServerBody);
        if (op == MutationOps.Delete) (baseParentId, baseBody) = (null, null);
        UpsertEntity(c, tx, edited);
        AppendOutbox(c, tx, edited.WorkspaceId, mutationId, op, edited.Kind, edited.Id, edited.ParentId,
            op == MutationOps.Delete ? null : edited.Body, baseVersion, now, baseParentId, baseBody);
        return VisibleChange(edited, op, mutationId: mutationId);
    }

    private static OutboxEntry? LastPendingEdit(SqliteConnection c, SqliteTransaction tx, string workspaceId, string entityId)
    {
        using var command = Command(c, tx, $"SELECT {OutboxColumns} FROM outbox WHERE workspace_id = $ws AND entity_id = $id ORDER BY seq DESC LIMIT 1",
            ("$ws", workspaceId), ("$id", entityId));
        return ReadOutbox(command).FirstOrDefault();
    }

    private static EntityRow LoadLive(SqliteConnection c, SqliteTransaction tx, string workspaceId, string id)
    {
        var row = LoadEntity(c, tx, workspaceId, id);
        if (row is null || !row.IsLive)
            throw new SyncException(ErrorCodes.NotFound, $"There is no entity '{id}' in this workspace (it may have been deleted).");
        return row;
    }

    private static void CheckBody(string kind, string body, HubLimits? limits)
    {
        if (EntityValidator.Validate(kind, body) is { } error) throw new SyncException(error.Code, error.Message);
        if (limits is { MaxBodyBytes: > 0 } && Encoding.UTF8.GetByteCount(body) > limits.MaxBodyBytes)
            throw new SyncException(ErrorCodes.PayloadTooLarge,
                $"The body is {Encoding.UTF8.GetByteCount(body)} bytes; the hub accepts at most {limits.MaxBodyBytes} bytes per entity.");
    }

    private static void CheckParent(SqliteConnection c, SqliteTransaction tx, string workspaceId, string kind, string? parentId, string? selfId)
    {
        var allowed = EntityValidator.AllowedParents(kind);
        if (allowed.Count == 0)
        {
            if (parentId is not null) throw new SyncException(ErrorCodes.InvalidParent, $"A {kind} cannot have a parent.");
            return;
        }
        if (parentId is null)
            throw new SyncException(ErrorCodes.InvalidParent, $"A {kind} needs a parent: a {string.Join(" or ", allowed)}.");
        var parent = LoadEntity(c, tx, workspaceId, parentId);
        if (parent is null || !parent.IsLive)
            throw new SyncException(ErrorCodes.InvalidParent, $"The parent '{parentId}' does not exist or was deleted.");
        if (!allowed.Contains(parent.Kind))
            throw new SyncException(ErrorCodes.InvalidParent, $"A {parent.Kind} cannot hold a {kind}; use a {string.Join(" or ", allowed)}.");

        // A move must not put an entity inside itself; the depth bound guards against a cycle already in the data.
        var ancestor = parent;
        for (var depth = 0; ancestor is not null && depth < 1024; depth++)
        {
            if (ancestor.Id == selfId) throw new SyncException(ErrorCodes.InvalidParent, "An entity cannot be moved inside itself.");
            ancestor = ancestor.ParentId is null ? null : LoadEntity(c, tx, workspaceId, ancestor.ParentId);
        }
    }

    private static void AppendOutbox(SqliteConnection c, SqliteTransaction tx, string workspaceId, string mutationId, string op,
        string kind, string entityId, string? parentId, string? body, long baseVersion, DateTimeOffset now,
        string? baseParentId = null, string? baseBody = null) =>
        Execute(c, tx, """
            INSERT INTO outbox(workspace_id, mutation_id, op, kind, entity_id, parent_id, body, base_version, created_at, base_parent_id, base_body)
            VALUES ($ws, $mid, $op, $kind, $eid, $parent, $body, $base, $at, $bparent, $bbody)
            """,
            ("$ws", workspaceId), ("$mid", mutationId), ("$op", op), ("$kind", kind), ("$eid", entityId),
            ("$parent", parentId), ("$body", body), ("$base", baseVersion), ("$at", ToUnixMs(now)),
            ("$bparent", baseParentId), ("$bbody", baseBody));
}
