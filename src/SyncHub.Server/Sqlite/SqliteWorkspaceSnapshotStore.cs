using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>Reads a workspace's live entities with their bodies (kept in the change each entity points at) in one read transaction.</summary>
internal sealed class SqliteWorkspaceSnapshotStore(SqliteDatabase database) : IWorkspaceSnapshotStore
{
    public Task<WorkspaceSnapshot> ReadSnapshotAsync(string workspaceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        // One snapshot for the head and every row: the writer may commit meanwhile (WAL), but not into what this reads.
        using var tx = connection.BeginTransaction(deferred: true);
        long head;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "SELECT MAX(seq) FROM changes WHERE workspace_id = $ws;";
            command.Parameters.AddWithValue("$ws", workspaceId);
            head = command.ExecuteScalar() is long max ? max : 0;
        }
        var entities = new List<EntityState>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                SELECT e.entity_id, e.kind, e.parent_id, e.version, c.body
                FROM entities e JOIN changes c ON c.workspace_id = e.workspace_id AND c.seq = e.seq
                WHERE e.workspace_id = $ws AND e.deleted = 0
                ORDER BY e.entity_id;
                """;
            command.Parameters.AddWithValue("$ws", workspaceId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entities.Add(new EntityState
                {
                    EntityId = reader.GetString(0),
                    Kind = reader.GetString(1),
                    ParentId = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Version = reader.GetInt64(3),
                    Body = reader.IsDBNull(4) ? null : reader.GetString(4),
                });
            }
        }
        tx.Commit();
        return Task.FromResult(new WorkspaceSnapshot(workspaceId, head, entities));
    }
}
