using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

internal sealed partial class LocalStore
{
    private const string EntityColumns =
        "workspace_id, id, kind, parent_id, body, deleted, server_parent_id, server_body, server_version, server_deleted";

    public IReadOnlyList<LocalEntity> GetEntities(string workspaceId) => Read(c =>
    {
        using var command = Command(c, null, """
            SELECT e.id, e.kind, e.parent_id, e.body, e.server_version,
                   EXISTS(SELECT 1 FROM outbox o WHERE o.workspace_id = e.workspace_id AND o.entity_id = e.id)
            FROM entities e WHERE e.workspace_id = $ws AND e.deleted = 0 AND e.body IS NOT NULL ORDER BY e.id
            """, ("$ws", workspaceId));
        using var reader = command.ExecuteReader();
        var list = new List<LocalEntity>();
        while (reader.Read())
        {
            list.Add(new LocalEntity(reader.GetString(0), workspaceId, reader.GetString(1), NullableString(reader, 2),
                reader.GetString(3), reader.GetInt64(4), reader.GetBoolean(5)));
        }
        return list;
    });

    public LocalEntity? GetEntity(string workspaceId, string id) => Read(c =>
    {
        var row = LoadEntity(c, null, workspaceId, id);
        if (row is null || !row.IsLive) return null;
        return new LocalEntity(row.Id, workspaceId, row.Kind, row.ParentId, row.Body!, row.ServerVersion, HasPending(c, null, workspaceId, id));
    });

    internal EntityRow? GetEntityRow(string workspaceId, string id) => Read(c => LoadEntity(c, null, workspaceId, id));

    private static EntityRow? LoadEntity(SqliteConnection c, SqliteTransaction? tx, string workspaceId, string id)
    {
        using var command = Command(c, tx, $"SELECT {EntityColumns} FROM entities WHERE workspace_id = $ws AND id = $id",
            ("$ws", workspaceId), ("$id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new EntityRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3),
            NullableString(reader, 4), reader.GetBoolean(5), NullableString(reader, 6), NullableString(reader, 7),
            reader.GetInt64(8), reader.GetBoolean(9));
    }

    private static bool HasPending(SqliteConnection c, SqliteTransaction? tx, string workspaceId, string entityId) =>
        Scalar(c, tx, "SELECT EXISTS(SELECT 1 FROM outbox WHERE workspace_id = $ws AND entity_id = $id)",
            ("$ws", workspaceId), ("$id", entityId)) is long n && n != 0;

    private static void UpsertEntity(SqliteConnection c, SqliteTransaction tx, EntityRow row) =>
        Execute(c, tx, $"""
            INSERT INTO entities({EntityColumns}) VALUES ($ws, $id, $kind, $parent, $body, $deleted, $sparent, $sbody, $sversion, $sdeleted)
            ON CONFLICT(workspace_id, id) DO UPDATE SET kind = excluded.kind, parent_id = excluded.parent_id,
                body = excluded.body, deleted = excluded.deleted, server_parent_id = excluded.server_parent_id,
                server_body = excluded.server_body, server_version = excluded.server_version,
                server_deleted = excluded.server_deleted
            """,
            ("$ws", row.WorkspaceId), ("$id", row.Id), ("$kind", row.Kind), ("$parent", row.ParentId), ("$body", row.Body),
            ("$deleted", row.Deleted), ("$sparent", row.ServerParentId), ("$sbody", row.ServerBody),
            ("$sversion", row.ServerVersion), ("$sdeleted", row.ServerDeleted));

    private static void DeleteEntity(SqliteConnection c, SqliteTransaction tx, string workspaceId, string id) =>
        Execute(c, tx, "DELETE FROM entities WHERE workspace_id = $ws AND id = $id", ("$ws", workspaceId), ("$id", id));

    /// <summary>The visible state of a row as a change, for <see cref="EntitiesChangedEventArgs"/>.</summary>
    private static Change VisibleChange(EntityRow row, string op, long seq = 0, string mutationId = "") => new()
    {
        Seq = seq,
        Op = op,
        Kind = row.Kind,
        EntityId = row.Id,
        ParentId = row.ParentId,
        Body = row.Deleted ? null : row.Body,
        Version = row.ServerVersion,
        MutationId = mutationId,
    };

    /// <summary>Makes what the user sees the hub's copy again (after the last pending edit of it left the outbox).</summary>
    private static Change? RestoreServerCopy(SqliteConnection c, SqliteTransaction tx, string workspaceId, string entityId)
    {
        var row = LoadEntity(c, tx, workspaceId, entityId);
        if (row is null) return null;
        if (row.ServerVersion == 0)
        {
            // Never reached the hub: nothing to go back to.
            DeleteEntity(c, tx, workspaceId, entityId);
            return VisibleChange(row with { Deleted = true }, MutationOps.Delete);
        }
        var restored = row with { ParentId = row.ServerParentId, Body = row.ServerBody, Deleted = row.ServerDeleted };
        if (restored == row) return null;
        UpsertEntity(c, tx, restored);
        return VisibleChange(restored, restored.Deleted ? MutationOps.Delete : MutationOps.Update);
    }
}
