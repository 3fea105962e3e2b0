using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// The tree: children in rank order, the rank a new or moved entity gets, and the descendants a delete takes with it
/// (hidden locally at once, marked deleted on the hub's copy when the hub acknowledges, shown again when it refuses).
/// </summary>
internal sealed partial class LocalStore
{
    public IReadOnlyList<LocalEntity> GetChildren(string workspaceId, string? parentId) => Read<IReadOnlyList<LocalEntity>>(c =>
    {
        using var command = Command(c, null, """
            SELECT e.id, e.kind, e.parent_id, e.body, e.server_version,
                   EXISTS(SELECT 1 FROM outbox o WHERE o.workspace_id = e.workspace_id AND o.entity_id = e.id),
                   json_extract(e.body, '$.rank')
            FROM entities e WHERE e.workspace_id = $ws AND e.parent_id IS $parent AND e.deleted = 0 AND e.body IS NOT NULL
            """, ("$ws", workspaceId), ("$parent", parentId));
        using var reader = command.ExecuteReader();
        var list = new List<(LocalEntity Entity, string? Rank)>();
        while (reader.Read())
        {
            var entity = new LocalEntity(reader.GetString(0), workspaceId, reader.GetString(1), NullableString(reader, 2),
                reader.GetString(3), reader.GetInt64(4), reader.GetBoolean(5));
            list.Add((entity, reader.IsDBNull(6) ? null : reader.GetValue(6) as string));
        }
        // Ranked first by rank, unranked after; the id breaks ties so every device shows the same order.
        return [.. list.OrderBy(x => x.Rank, EntityRank.Comparer).ThenBy(x => x.Entity.Id, StringComparer.Ordinal).Select(x => x.Entity)];
    });

    /// <summary>The live siblings under <paramref name="parentId"/> (without <paramref name="exceptId"/>) in order, with their ranks.</summary>
    private static List<(string Id, string? Rank)> Siblings(SqliteConnection c, SqliteTransaction tx, string workspaceId, string? parentId, string? exceptId)
    {
        using var command = Command(c, tx, """
            SELECT id, json_extract(body, '$.rank') FROM entities
            WHERE workspace_id = $ws AND parent_id IS $parent AND deleted = 0 AND body IS NOT NULL
            """, ("$ws", workspaceId), ("$parent", parentId));
        using var reader = command.ExecuteReader();
        var list = new List<(string Id, string? Rank)>();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (id != exceptId) list.Add((id, reader.IsDBNull(1) ? null : reader.GetValue(1) as string));
        }
        return [.. list.OrderBy(x => x.Rank, EntityRank.Comparer).ThenBy(x => x.Id, StringComparer.Ordinal)];
    }

    /// <summary>The highest rank among the live siblings, or null when none has one.</summary>
    /// <remarks>
    /// Walks the index entities_by_parent_rank from the top and stops at the first live row, so a create costs the same
    /// with 10 siblings or 10,000 (an aggregate over json_extract would read every sibling's body: ~10 ms at 2,000).
    /// The expression must stay exactly the index's for SQLite to use it.
    /// </remarks>
    private static string? LastRank(SqliteConnection c, SqliteTransaction tx, string workspaceId, string? parentId) =>
        Scalar(c, tx, """
            SELECT json_extract(body, '$.rank') FROM entities
            WHERE workspace_id = $ws AND parent_id IS $parent AND deleted = 0 AND body IS NOT NULL
              AND json_extract(body, '$.rank') IS NOT NULL
            ORDER BY json_extract(body, '$.rank') DESC LIMIT 1
            """, ("$ws", workspaceId), ("$parent", parentId)) as string;

    /// <summary>The rank that puts an entity at <paramref name="position"/> among <paramref name="siblings"/>.</summary>
    private static string RankAt(List<(string Id, string? Rank)> siblings, EntityPosition position)
    {
        int index;
        if (position.AnchorId is { } anchor)
        {
            var at = siblings.FindIndex(s => s.Id == anchor);
            if (at < 0)
                throw new SyncException(ErrorCodes.NotFound, $"There is no entity '{anchor}' among the items of the new parent to move next to.");
            index = position.IsAfter ? at + 1 : at;
        }
        else
        {
            index = Math.Clamp(position.Index ?? siblings.Count, 0, siblings.Count);
        }
        var lower = index > 0 ? siblings[index - 1] : default;
        if (index > 0 && lower.Rank is null)
        {
            throw new SyncException(ErrorCodes.InvalidRequest,
                $"The item '{lower.Id}' has no rank (it was made by an older client), so nothing can be placed right after it; move it first, or place this item before it.");
        }
        // An unranked upper neighbour sorts after every ranked item anyway: going after the lower one is enough.
        var upper = index < siblings.Count ? siblings[index].Rank : null;
        return EntityRank.Between(lower.Rank, upper);
    }

    /// <summary>Every row below <paramref name="rootId"/> at any depth, parents first, following the local tree or the hub's.</summary>
    private static List<EntityRow> Descendants(SqliteConnection c, SqliteTransaction tx, string workspaceId, string rootId, bool serverTree)
    {
        // One scan of the workspace's rows and a walk in memory: a delete is rare, and the scan costs one query, not one per node.
        var children = new Dictionary<string, List<EntityRow>>(StringComparer.Ordinal);
        using (var command = Command(c, tx, $"SELECT {EntityColumns} FROM entities WHERE workspace_id = $ws", ("$ws", workspaceId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var row = new EntityRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3),
                    NullableString(reader, 4), reader.GetBoolean(5), NullableString(reader, 6), NullableString(reader, 7),
                    reader.GetInt64(8), reader.GetBoolean(9));
                if ((serverTree ? row.ServerParentId : row.ParentId) is not { } parent) continue;
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(row);
            }
        }
        var result = new List<EntityRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { rootId };
        var queue = new Queue<string>([rootId]);
        while (queue.TryDequeue(out var parentId))
        {
            if (!children.TryGetValue(parentId, out var list)) continue;
            foreach (var row in list)
            {
                if (!seen.Add(row.Id)) continue;
                result.Add(row);
                queue.Enqueue(row.Id);
            }
        }
        return result;
    }

    /// <summary>Local first: a delete hides what is below the entity at once; the hub cascades it on its side.</summary>
    private static List<Change> HideDescendants(SqliteConnection c, SqliteTransaction tx, string workspaceId, string rootId)
    {
        var hidden = new List<Change>();
        foreach (var row in Descendants(c, tx, workspaceId, rootId, serverTree: false))
        {
            if (!row.IsLive) continue;
            var gone = row with { Deleted = true };
            UpsertEntity(c, tx, gone);
            hidden.Add(VisibleChange(gone, MutationOps.Delete));
        }
        return hidden;
    }

    /// <summary>
    /// Shows the hub's copy of an entity (<see cref="RestoreServerCopy"/>); when that brings back a container this device
    /// had hidden (moved under, or below, something it deleted), what was hidden below it comes back too.
    /// </summary>
    private static void RestoreWithDescendants(SqliteConnection c, SqliteTransaction tx, string workspaceId, string entityId, List<Change> visible)
    {
        if (RestoreServerCopy(c, tx, workspaceId, entityId) is not { } restored) return;
        visible.Add(restored);
        // It may come back from below something deleted here (a refused move): what was hidden under it only for that
        // reason shows again, unless it still stands below a deleted ancestor.
        if (restored.Op != MutationOps.Delete && EntityValidator.AllowedChildren(restored.Kind).Count > 0
            && !UnderDeletedAncestor(c, tx, workspaceId, restored.ParentId))
            ShowDescendants(c, tx, workspaceId, entityId, visible);
    }

    /// <summary>
    /// What was hidden below an entity that shows again (a refused delete, a remote move out from below a local delete)
    /// comes back. An entity whose own last pending edit is a delete, or that the hub deleted, stays gone, and so does
    /// everything below it.
    /// </summary>
    private static void ShowDescendants(SqliteConnection c, SqliteTransaction tx, string workspaceId, string rootId, List<Change> visible)
    {
        // Descendants lists parents first, so a row whose parent stays hidden is known to stay hidden when it comes up.
        var stillHidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Descendants(c, tx, workspaceId, rootId, serverTree: false))
        {
            if (row.ParentId is { } parent && stillHidden.Contains(parent))
            {
                stillHidden.Add(row.Id);
                continue;
            }
            if (!row.Deleted) continue;
            var lastOp = Scalar(c, tx, "SELECT op FROM outbox WHERE workspace_id = $ws AND entity_id = $id ORDER BY seq DESC LIMIT 1",
                ("$ws", workspaceId), ("$id", row.Id)) as string;
            if (lastOp == MutationOps.Delete)
            {
                stillHidden.Add(row.Id);
            }
            else if (lastOp is not null)
            {
                var shown = row with { Deleted = false };
                UpsertEntity(c, tx, shown);
                visible.Add(VisibleChange(shown, MutationOps.Update));
            }
            else if (!row.ServerDeleted && RestoreServerCopy(c, tx, workspaceId, row.Id) is { } restored)
            {
                visible.Add(restored);
            }
            else
            {
                stillHidden.Add(row.Id);
            }
        }
    }

    /// <summary>
    /// The hub applied this device's delete and cascaded it: the hub's copy of each descendant is gone too. The device does
    /// not receive its own change back (the cursor steps over it), so the cascade is taken from the hub's tree as known here.
    /// </summary>
    private static void MarkDescendantsDeletedOnHub(SqliteConnection c, SqliteTransaction tx, string workspaceId, string rootId)
    {
        foreach (var row in Descendants(c, tx, workspaceId, rootId, serverTree: true))
        {
            if (row.ServerDeleted || row.ServerVersion == 0) continue;
            var server = row with { ServerBody = null, ServerDeleted = true, ServerVersion = row.ServerVersion + 1 };
            if (!HasPending(c, tx, workspaceId, row.Id)) server = server with { Deleted = true };
            UpsertEntity(c, tx, server);
        }
    }

    /// <summary>Whether an ancestor of an entity placed under <paramref name="parentId"/> is deleted as this device shows it.</summary>
    private static bool UnderDeletedAncestor(SqliteConnection c, SqliteTransaction tx, string workspaceId, string? parentId)
    {
        for (var depth = 0; parentId is not null && depth < 1024; depth++)
        {
            var parent = LoadEntity(c, tx, workspaceId, parentId);
            if (parent is null) return false;
            if (parent.Deleted) return true;
            parentId = parent.ParentId;
        }
        return false;
    }
}
