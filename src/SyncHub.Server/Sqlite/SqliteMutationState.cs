using Microsoft.Data.Sqlite;
using SyncHub.Protocol;
using SyncHub.Server.Storage.Internal;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// The mutation applier's view of the writer's open transaction (reads see its own writes): entity, change and
/// idempotency rows. It lives as long as the writer's connection, so its statements are prepared once, not per batch.
/// </summary>
/// <remarks>
/// The head seq of each workspace is kept in <c>heads</c>, a cache of MAX(seq) as the writer's own
/// transaction sees it: it is read from <c>changes</c> on first use, and the owner clears it whenever a
/// transaction fails, so it never runs ahead of what was committed.
/// </remarks>
internal sealed class SqliteMutationState : IMutationState, IDisposable
{
    private readonly Dictionary<string, long> _heads;
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _findMutation;
    private readonly SqliteParameter _findMutationWs;
    private readonly SqliteParameter _findMutationId;
    private readonly SqliteCommand _findEntity;
    private readonly SqliteParameter _findEntityWs;
    private readonly SqliteParameter _findEntityId;
    private readonly SqliteCommand _findChange;
    private readonly SqliteParameter _findChangeWs;
    private readonly SqliteParameter _findChangeSeq;
    private readonly SqliteCommand _workspaceExists;
    private readonly SqliteParameter _workspaceExistsWs;
    private readonly SqliteCommand _maxSeq;
    private readonly SqliteParameter _maxSeqWs;
    private readonly SqliteCommand _upsertEntity;
    private readonly SqliteParameter[] _upsertEntityParameters;
    private readonly SqliteCommand _insertChange;
    private readonly SqliteParameter[] _insertChangeParameters;
    private readonly SqliteCommand _liveEntities;
    private readonly SqliteParameter _liveEntitiesWs;
    private readonly SqliteCommand _insertMutation;
    private readonly SqliteParameter[] _insertMutationParameters;

    public SqliteMutationState(SqliteConnection connection, Dictionary<string, long> heads)
    {
        _heads = heads;
        (_findMutation, var p) = Create(connection,
            "SELECT seq, version FROM mutations WHERE workspace_id = $ws AND mutation_id = $mid;", "$ws", "$mid");
        (_findMutationWs, _findMutationId) = (p[0], p[1]);
        (_findEntity, p) = Create(connection,
            "SELECT kind, parent_id, version, deleted, seq FROM entities WHERE workspace_id = $ws AND entity_id = $id;", "$ws", "$id");
        (_findEntityWs, _findEntityId) = (p[0], p[1]);
        (_findChange, p) = Create(connection, "SELECT mutation_id, parent_id, body FROM changes WHERE workspace_id = $ws AND seq = $seq;", "$ws", "$seq");
        (_findChangeWs, _findChangeSeq) = (p[0], p[1]);
        (_workspaceExists, p) = Create(connection, "SELECT 1 FROM workspaces WHERE id = $ws;", "$ws");
        _workspaceExistsWs = p[0];
        (_maxSeq, p) = Create(connection, "SELECT MAX(seq) FROM changes WHERE workspace_id = $ws;", "$ws");
        _maxSeqWs = p[0];
        (_upsertEntity, _upsertEntityParameters) = Create(connection, """
            INSERT INTO entities (workspace_id, entity_id, kind, parent_id, version, deleted, seq)
            VALUES ($ws, $id, $kind, $parent, $version, $deleted, $seq)
            ON CONFLICT (workspace_id, entity_id) DO UPDATE SET
                kind = excluded.kind, parent_id = excluded.parent_id,
                version = excluded.version, deleted = excluded.deleted, seq = excluded.seq;
            """, "$ws", "$id", "$kind", "$parent", "$version", "$deleted", "$seq");
        (_insertChange, _insertChangeParameters) = Create(connection, """
            INSERT INTO changes (workspace_id, seq, op, kind, entity_id, parent_id, body, version, mutation_id, device_id, timestamp, cascade)
            VALUES ($ws, $seq, $op, $kind, $id, $parent, $body, $version, $mid, $device, $ts, $cascade);
            """, "$ws", "$seq", "$op", "$kind", "$id", "$parent", "$body", "$version", "$mid", "$device", "$ts", "$cascade");
        (_liveEntities, p) = Create(connection,
            "SELECT entity_id, kind, parent_id, version FROM entities WHERE workspace_id = $ws AND deleted = 0;", "$ws");
        _liveEntitiesWs = p[0];
        (_insertMutation, _insertMutationParameters) = Create(connection,
            "INSERT INTO mutations (workspace_id, mutation_id, seq, version) VALUES ($ws, $mid, $seq, $version);",
            "$ws", "$mid", "$seq", "$version");
    }

    /// <summary>Starts a batch in <paramref name="transaction"/>.</summary>
    public void Begin(SqliteTransaction transaction)
    {
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    public long? NextSeq(string workspaceId)
    {
        if (!_heads.TryGetValue(workspaceId, out var head))
        {
            _workspaceExistsWs.Value = workspaceId;
            if (_workspaceExists.ExecuteScalar() is null)
                return null;
            _maxSeqWs.Value = workspaceId;
            head = _maxSeq.ExecuteScalar() is long max ? max : 0;
        }
        head++;
        _heads[workspaceId] = head;
        return head;
    }

    public void UpsertEntity(string workspaceId, string entityId, StoredEntity entity)
    {
        var e = _upsertEntityParameters;
        e[0].Value = workspaceId;
        e[1].Value = entityId;
        e[2].Value = entity.Kind;
        e[3].Value = (object?)entity.ParentId ?? DBNull.Value;
        e[4].Value = entity.Version;
        e[5].Value = entity.Deleted ? 1L : 0L;
        e[6].Value = entity.Seq;
        _upsertEntity.ExecuteNonQuery();
    }

    public void InsertChange(string workspaceId, Change change)
    {
        var c = _insertChangeParameters;
        c[0].Value = workspaceId;
        c[1].Value = change.Seq;
        c[2].Value = change.Op;
        c[3].Value = change.Kind;
        c[4].Value = change.EntityId;
        c[5].Value = (object?)change.ParentId ?? DBNull.Value;
        c[6].Value = (object?)change.Body ?? DBNull.Value;
        c[7].Value = change.Version;
        c[8].Value = change.MutationId;
        c[9].Value = change.DeviceId;
        c[10].Value = change.Timestamp;
        c[11].Value = change.Cascade is null ? DBNull.Value : SqliteCascadeColumn.Write(change.Cascade);
        _insertChange.ExecuteNonQuery();

        var u = _insertMutationParameters;
        u[0].Value = workspaceId;
        u[1].Value = change.MutationId;
        u[2].Value = change.Seq;
        u[3].Value = change.Version;
        _insertMutation.ExecuteNonQuery();
    }

    public IEnumerable<LiveEntity> LiveEntities(string workspaceId)
    {
        // Read whole before the caller goes on: the command is shared and the caller writes between calls.
        var live = new List<LiveEntity>();
        _liveEntitiesWs.Value = workspaceId;
        using var reader = _liveEntities.ExecuteReader();
        while (reader.Read())
        {
            live.Add(new LiveEntity(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
        }
        return live;
    }

    public StoredChange? FindChange(string workspaceId, long seq)
    {
        _findChangeWs.Value = workspaceId;
        _findChangeSeq.Value = seq;
        using var reader = _findChange.ExecuteReader();
        if (!reader.Read()) return null;
        return new StoredChange(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    public (long Seq, long Version)? FindApplied(string workspaceId, string mutationId)
    {
        _findMutationWs.Value = workspaceId;
        _findMutationId.Value = mutationId;
        using var reader = _findMutation.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    public StoredEntity? FindEntity(string workspaceId, string entityId)
    {
        _findEntityWs.Value = workspaceId;
        _findEntityId.Value = entityId;
        using var reader = _findEntity.ExecuteReader();
        if (!reader.Read()) return null;
        return new StoredEntity(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetInt64(2),
            reader.GetInt64(3) != 0,
            reader.GetInt64(4));
    }

    private (SqliteCommand Command, SqliteParameter[] Parameters) Create(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter(names[i], DBNull.Value));
        }
        _commands.Add(command);
        return (command, parameters);
    }
}
