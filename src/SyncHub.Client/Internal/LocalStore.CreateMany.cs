using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// Many creates at once (an import): every entity is checked before any is written, then all of them and their
/// outbox entries go in ONE transaction through prepared commands, so 10,000 entities cost one commit, not 10,000.
/// </summary>
internal sealed partial class LocalStore
{
    public IReadOnlyList<Change> CreateMany(string workspaceId, IReadOnlyList<NewEntity> entities, DateTimeOffset now, HubLimits? limits) =>
        Write((c, tx) => CreateManyIn(c, tx, workspaceId, entities, now, limits));

    private static List<Change> CreateManyIn(SqliteConnection c, SqliteTransaction tx, string workspaceId, IReadOnlyList<NewEntity> entities,
        DateTimeOffset now, HubLimits? limits)
    {
        var rows = ValidateMany(c, tx, workspaceId, entities, limits);

        using var insert = Command(c, tx, $"""
            INSERT INTO entities({EntityColumns}) VALUES ($ws, $id, $kind, $parent, $body, 0, NULL, NULL, 0, 0)
            """);
        insert.Parameters.Add("$ws", SqliteType.Text).Value = workspaceId;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var parent = insert.Parameters.Add("$parent", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        insert.Prepare();

        var queue = !IsScratchPad(workspaceId);
        using var outbox = Command(c, tx, """
            INSERT INTO outbox(workspace_id, mutation_id, op, kind, entity_id, parent_id, body, base_version, created_at)
            VALUES ($ws, $mid, 'create', $kind, $eid, $parent, $body, 0, $at)
            """);
        outbox.Parameters.Add("$ws", SqliteType.Text).Value = workspaceId;
        outbox.Parameters.Add("$at", SqliteType.Integer).Value = ToUnixMs(now);
        var mutationId = outbox.Parameters.Add("$mid", SqliteType.Text);
        var outboxKind = outbox.Parameters.Add("$kind", SqliteType.Text);
        var entityId = outbox.Parameters.Add("$eid", SqliteType.Text);
        var outboxParent = outbox.Parameters.Add("$parent", SqliteType.Text);
        var outboxBody = outbox.Parameters.Add("$body", SqliteType.Text);
        if (queue) outbox.Prepare();

        var changes = new List<Change>(rows.Count);
        foreach (var row in rows)
        {
            id.Value = row.Id;
            kind.Value = row.Kind;
            parent.Value = (object?)row.ParentId ?? DBNull.Value;
            body.Value = row.Body;
            insert.ExecuteNonQuery();
            var mid = EntityIds.New();
            if (queue)
            {
                mutationId.Value = mid;
                outboxKind.Value = row.Kind;
                entityId.Value = row.Id;
                outboxParent.Value = (object?)row.ParentId ?? DBNull.Value;
                outboxBody.Value = row.Body;
                outbox.ExecuteNonQuery();
            }
            changes.Add(VisibleChange(row, MutationOps.Create, mutationId: queue ? mid : string.Empty));
        }
        return changes;
    }

    /// <summary>
    /// Checks every entity as a single create would be checked, with the parent found in the workspace or earlier in
    /// the list, and ranks the unranked ones after the last sibling (those of the list included). Writes nothing.
    /// </summary>
    private static List<EntityRow> ValidateMany(SqliteConnection c, SqliteTransaction tx, string workspaceId, IReadOnlyList<NewEntity> entities, HubLimits? limits)
    {
        using var lookup = Command(c, tx, "SELECT kind, deleted = 0 AND body IS NOT NULL FROM entities WHERE workspace_id = $ws AND id = $id");
        lookup.Parameters.Add("$ws", SqliteType.Text).Value = workspaceId;
        var lookupId = lookup.Parameters.Add("$id", SqliteType.Text);
        lookup.Prepare();
        (string Kind, bool Live)? Stored(string id)
        {
            lookupId.Value = id;
            using var reader = lookup.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetBoolean(1)) : null;
        }

        // The key of the roots' sibling group; never a valid id, so it cannot clash with a parent's.
        const string RootKey = "/";
        var listed = new Dictionary<string, string>(entities.Count, StringComparer.Ordinal);
        var lastRanks = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rows = new List<EntityRow>(entities.Count);
        for (var index = 0; index < entities.Count; index++)
        {
            var entity = entities[index];
            try
            {
                if (entity is null) throw new SyncException(ErrorCodes.InvalidRequest, "The entity is null.");
                if (!EntityIds.IsValid(entity.Id))
                    throw new SyncException(ErrorCodes.InvalidRequest, $"'{entity.Id}' is not a valid entity id: use 1 to {EntityIds.MaxLength} letters, digits, '.', '_' or '-'.");
                if (listed.ContainsKey(entity.Id))
                    throw new SyncException(ErrorCodes.AlreadyExists, $"The id '{entity.Id}' is used by an earlier entity of the list.");
                if (Stored(entity.Id) is not null)
                    throw new SyncException(ErrorCodes.AlreadyExists, $"An entity with id '{entity.Id}' already exists in this workspace.");
                if (entity.Kind is null || entity.Body is null)
                    throw new SyncException(ErrorCodes.InvalidRequest, "The entity needs a kind and a body.");
                CheckBody(entity.Kind, entity.Body, limits);
                CheckParentOf(entity, listed, Stored);

                var key = entity.ParentId ?? RootKey;
                if (!lastRanks.TryGetValue(key, out var last)) last = LastRank(c, tx, workspaceId, entity.ParentId);
                var body = entity.Body;
                var rank = RankedBody.ReadRank(body);
                if (rank is null)
                {
                    rank = EntityRank.After(last);
                    body = RankedBody.WithRank(body, rank);
                    CheckBody(entity.Kind, body, limits);
                }
                lastRanks[key] = EntityRank.Compare(rank, last) > 0 || last is null ? rank : last;

                listed[entity.Id] = entity.Kind;
                rows.Add(new EntityRow(workspaceId, entity.Id, entity.Kind, entity.ParentId, body, false, null, null, 0, false));
            }
            catch (SyncException ex)
            {
                var what = entity is null ? string.Empty : $" ({entity.Kind} '{entity.Id}')";
                throw new SyncException(ex.Code, $"Entity {index}{what} of {entities.Count} cannot be created, so none was: {ex.Message}");
            }
        }
        return rows;
    }

    private static void CheckParentOf(NewEntity entity, Dictionary<string, string> listed, Func<string, (string Kind, bool Live)?> stored)
    {
        var allowed = EntityValidator.AllowedParents(entity.Kind);
        if (allowed.Count == 0)
        {
            if (entity.ParentId is not null) throw new SyncException(ErrorCodes.InvalidParent, $"A {entity.Kind} cannot have a parent.");
            return;
        }
        if (entity.ParentId is null)
            throw new SyncException(ErrorCodes.InvalidParent, $"A {entity.Kind} needs a parent: a {string.Join(" or ", allowed)}.");
        string parentKind;
        if (listed.TryGetValue(entity.ParentId, out var earlier)) parentKind = earlier;
        else if (stored(entity.ParentId) is { Live: true } found) parentKind = found.Kind;
        else
        {
            throw new SyncException(ErrorCodes.InvalidParent,
                $"The parent '{entity.ParentId}' is neither in this workspace nor earlier in the list (a parent must come before its children).");
        }
        if (!allowed.Contains(parentKind))
            throw new SyncException(ErrorCodes.InvalidParent, $"A {parentKind} cannot hold a {entity.Kind}; use a {string.Join(" or ", allowed)}.");
    }
}
