using Microsoft.Data.Sqlite;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// The change log and entities in the SQLite file. Writes go through one long-lived connection, one
/// transaction (one flush) per batch; reads use pooled connections, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteChangeStore(SqliteDatabase database, TimeProvider timeProvider) : IChangeStore, IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;

    public async Task<IReadOnlyList<MutationOutcome>> ApplyAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer ??= database.Open();
            using var tx = _writer.BeginTransaction(deferred: false);
            using var applier = new SqliteMutationApplier(_writer, tx, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            var outcomes = new MutationOutcome[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = applier.Apply(batch[i]);
            }
            tx.Commit();
            return outcomes;
        }
        catch
        {
            // The connection may be broken (disk gone, file locked): open a fresh one for the next batch.
            _writer?.Dispose();
            _writer = null;
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<ChangePage> GetChangesAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        // One read transaction: the head and the page come from the same snapshot.
        using var tx = connection.BeginTransaction(deferred: true);
        var head = ReadHead(connection, tx, workspaceId);
        var changes = new List<Change>(Math.Min(limit, 1024));
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = """
                SELECT seq, op, kind, entity_id, parent_id, body, version, mutation_id, device_id, timestamp
                FROM changes WHERE workspace_id = $ws AND seq > $after AND seq <= $head
                ORDER BY seq LIMIT $limit;
                """;
            command.Parameters.AddWithValue("$ws", workspaceId);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$head", head);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                changes.Add(new Change
                {
                    Seq = reader.GetInt64(0),
                    Op = reader.GetString(1),
                    Kind = reader.GetString(2),
                    EntityId = reader.GetString(3),
                    ParentId = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Body = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Version = reader.GetInt64(6),
                    MutationId = reader.GetString(7),
                    DeviceId = reader.GetString(8),
                    Timestamp = reader.GetInt64(9),
                });
            }
        }
        tx.Commit();
        var last = changes.Count > 0 ? changes[^1].Seq : afterSeq;
        return Task.FromResult(new ChangePage
        {
            WorkspaceId = workspaceId,
            Changes = [.. changes],
            HeadSeq = head,
            HasMore = last < head,
        });
    }

    public Task<long> GetHeadSeqAsync(string workspaceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult(ReadHead(connection, null, workspaceId));
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        _writeGate.Dispose();
    }

    private static long ReadHead(SqliteConnection connection, SqliteTransaction? tx, string workspaceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT head_seq FROM workspaces WHERE id = $ws;";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return command.ExecuteScalar() is long head ? head : 0;
    }
}
