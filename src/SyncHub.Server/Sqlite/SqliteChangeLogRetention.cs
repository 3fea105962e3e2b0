using Microsoft.Data.Sqlite;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// Prunes the SQLite change log (table <c>changes</c>) to the newest N changes of each workspace and records how far it
/// pruned (table <c>change_log_floors</c>).
/// </summary>
/// <remarks>
/// A change that an entity still points at (<c>entities.seq</c>: the entity's body is stored only there) is kept, so
/// snapshots and conflict answers keep working; the floor is what tells readers that the log below it has gaps. Each
/// chunk is deleted in its own transaction under the change writer's gate (range deletes only; what to keep is read
/// before), so the writer waits at most one chunk.
/// Idempotency rows (<c>mutations</c>) are not pruned: a resent mutation whose change was pruned still gets its first result.
/// </remarks>
internal sealed class SqliteChangeLogRetention(SqliteDatabase database) : IChangeLogRetention
{
    private const int ChunkSize = 2000;

    public Task<long> GetPrunedThroughAsync(string workspaceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(ReadFloor(connection, null, workspaceId));
    }

    public async Task<long> PruneAsync(string workspaceId, int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        long floor, target;
        using (var connection = database.Open())
        {
            floor = ReadFloor(connection, null, workspaceId);
            target = ReadHead(connection, workspaceId) - keep;
        }
        while (floor < target)
        {
            var to = Math.Min(target, floor + ChunkSize);
            // Read outside the gate: an entity only ever moves to a newer change (above the head, so above this chunk),
            // so a change no entity points at now never gets pointed at again. The writer then waits for range deletes only.
            var ranges = DeletableRanges(workspaceId, floor, to);
            await database.ChangeWriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var connection = database.Open();
                using var tx = connection.BeginTransaction(deferred: false);
                using (var delete = connection.CreateCommand())
                {
                    delete.Transaction = tx;
                    delete.CommandText = "DELETE FROM changes WHERE workspace_id = $ws AND seq >= $first AND seq <= $last;";
                    delete.Parameters.AddWithValue("$ws", workspaceId);
                    var first = delete.Parameters.Add(new SqliteParameter("$first", 0L));
                    var last = delete.Parameters.Add(new SqliteParameter("$last", 0L));
                    foreach (var (from, through) in ranges)
                    {
                        first.Value = from;
                        last.Value = through;
                        delete.ExecuteNonQuery();
                    }
                }
                using (var raise = connection.CreateCommand())
                {
                    raise.Transaction = tx;
                    raise.CommandText = """
                        INSERT INTO change_log_floors (workspace_id, pruned_seq) VALUES ($ws, $to)
                          ON CONFLICT (workspace_id) DO UPDATE SET pruned_seq = MAX(pruned_seq, excluded.pruned_seq);
                        """;
                    raise.Parameters.AddWithValue("$ws", workspaceId);
                    raise.Parameters.AddWithValue("$to", to);
                    raise.ExecuteNonQuery();
                }
                tx.Commit();
            }
            finally
            {
                database.ChangeWriteGate.Release();
            }
            floor = to;
        }
        return floor;
    }

    public Task<IReadOnlyList<string>> FindWorkspacesOverAsync(int keep, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT w.id FROM workspaces w LEFT JOIN change_log_floors f ON f.workspace_id = w.id
            WHERE COALESCE((SELECT MAX(seq) FROM changes c WHERE c.workspace_id = w.id), 0) - COALESCE(f.pruned_seq, 0) > $keep;
            """;
        command.Parameters.AddWithValue("$keep", keep);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    // The seq ranges in (after, through] that no entity points at (an entity's body lives in the change it points at).
    private List<(long From, long Through)> DeletableRanges(string workspaceId, long after, long through)
    {
        var kept = new List<long>();
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq FROM entities WHERE workspace_id = $ws AND seq > $after AND seq <= $through ORDER BY seq;";
            command.Parameters.AddWithValue("$ws", workspaceId);
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$through", through);
            using var reader = command.ExecuteReader();
            while (reader.Read()) kept.Add(reader.GetInt64(0));
        }
        var ranges = new List<(long, long)>(kept.Count + 1);
        var next = after + 1;
        foreach (var seq in kept)
        {
            if (seq > next) ranges.Add((next, seq - 1));
            next = seq + 1;
        }
        if (next <= through) ranges.Add((next, through));
        return ranges;
    }

    private static long ReadFloor(SqliteConnection connection, SqliteTransaction? tx, string workspaceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT pruned_seq FROM change_log_floors WHERE workspace_id = $ws;";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return command.ExecuteScalar() is long floor ? floor : 0;
    }

    private static long ReadHead(SqliteConnection connection, string workspaceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(seq) FROM changes WHERE workspace_id = $ws;";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return command.ExecuteScalar() is long head ? head : 0;
    }
}
