using Microsoft.Data.Sqlite;
using SyncHub.Protocol;
using SyncHub.Server.Storage;
using SyncHub.Server.Storage.Internal;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// The change log and entities in the SQLite file. Writes go through one long-lived connection, one
/// transaction (one flush) per batch; reads use pooled connections, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteChangeStore(SqliteDatabase database, TimeProvider timeProvider, Microsoft.Extensions.Options.IOptions<SyncHubOptions> options) : IChangeStore, IDisposable
{
    // Past this many workspaces the writer's head cache starts over (it is only a cache of MAX(seq)).
    private const int MaxCachedHeads = 100_000;
    private readonly SemaphoreSlim _writeGate = database.ChangeWriteGate;
    private readonly Dictionary<string, long> _heads = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private SqliteMutationState? _state;
    private MutationApplier? _applier;

    public async Task<IReadOnlyList<MutationOutcome>> ApplyAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (outcomes, _) = await ApplyCoreAsync(batch, allOrNothing: false, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<AllOrNothingOutcome> ApplyAllOrNothingAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (outcomes, failed) = await ApplyCoreAsync(batch, allOrNothing: true, cancellationToken).ConfigureAwait(false);
        return failed >= 0
            ? new AllOrNothingOutcome([], failed, outcomes[failed].Result)
            : new AllOrNothingOutcome([.. outcomes.Select(o => o.Change!)], -1, null);
    }

    private async Task<(MutationOutcome[] Outcomes, int Failed)> ApplyCoreAsync(IReadOnlyList<PendingMutation> batch, bool allOrNothing, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is null || _state is null || _applier is null)
            {
                _writer = database.OpenWriter();
                _state = new SqliteMutationState(_writer, _heads);
                _applier = new MutationApplier(_state, options.Value.MaxBodyBytes);
            }
            if (_heads.Count > MaxCachedHeads) _heads.Clear();
            using var tx = _writer.BeginTransaction(deferred: false);
            _state.Begin(tx);
            var timestamp = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            var outcomes = new MutationOutcome[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = _applier.Apply(batch[i], timestamp);
                if (allOrNothing && outcomes[i].Change is null)
                {
                    tx.Rollback();
                    // The applier advanced the cached heads for what it applied before this one.
                    _heads.Clear();
                    return (outcomes, i);
                }
            }
            tx.Commit();
            return (outcomes, -1);
        }
        catch
        {
            // Rolled back: the cached heads may be ahead of the store. The connection may be broken too
            // (disk gone, file locked): start the next batch on a fresh one.
            _heads.Clear();
            CloseWriter();
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
                SELECT seq, op, kind, entity_id, parent_id, body, version, mutation_id, device_id, timestamp, cascade
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
                    Cascade = reader.IsDBNull(10) ? null : SqliteCascadeColumn.Read(reader.GetString(10)),
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
        CloseWriter();
    }

    private void CloseWriter()
    {
        _state?.Dispose();
        _state = null;
        _applier = null;
        _writer?.Dispose();
        _writer = null;
    }

    private static long ReadHead(SqliteConnection connection, SqliteTransaction? tx, string workspaceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        // One seek to the end of the workspace's range of the clustered key, inside the caller's snapshot.
        command.CommandText = "SELECT MAX(seq) FROM changes WHERE workspace_id = $ws;";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return command.ExecuteScalar() is long head ? head : 0;
    }
}
