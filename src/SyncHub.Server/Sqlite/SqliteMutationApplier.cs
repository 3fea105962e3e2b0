using Microsoft.Data.Sqlite;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// Applies mutations one after another inside one open write transaction: idempotency, existence,
/// base version, parent rules, then the next seq, the entity row, the change row and the idempotency row.
/// Its commands are prepared once and reused for every mutation of the batch.
/// </summary>
internal sealed class SqliteMutationApplier : IDisposable
{
    private const int MaxTreeDepth = 1000;
    private readonly long _timestamp;
    private readonly SqliteCommand _findMutation;
    private readonly SqliteCommand _findEntity;
    private readonly SqliteCommand _nextSeq;
    private readonly SqliteCommand _upsertEntity;
    private readonly SqliteCommand _insertChange;
    private readonly SqliteCommand _insertMutation;

    public SqliteMutationApplier(SqliteConnection connection, SqliteTransaction transaction, long timestamp)
    {
        _timestamp = timestamp;
        _findMutation = Create(connection, transaction,
            "SELECT seq, version FROM mutations WHERE workspace_id = $ws AND mutation_id = $mid;", "$ws", "$mid");
        _findEntity = Create(connection, transaction,
            "SELECT kind, parent_id, body, version, deleted FROM entities WHERE workspace_id = $ws AND entity_id = $id;", "$ws", "$id");
        _nextSeq = Create(connection, transaction,
            "UPDATE workspaces SET head_seq = head_seq + 1 WHERE id = $ws RETURNING head_seq;", "$ws");
        _upsertEntity = Create(connection, transaction, """
            INSERT INTO entities (workspace_id, entity_id, kind, parent_id, body, version, deleted, seq)
            VALUES ($ws, $id, $kind, $parent, $body, $version, $deleted, $seq)
            ON CONFLICT (workspace_id, entity_id) DO UPDATE SET
                kind = excluded.kind, parent_id = excluded.parent_id, body = excluded.body,
                version = excluded.version, deleted = excluded.deleted, seq = excluded.seq;
            """, "$ws", "$id", "$kind", "$parent", "$body", "$version", "$deleted", "$seq");
        _insertChange = Create(connection, transaction, """
            INSERT INTO changes (workspace_id, seq, op, kind, entity_id, parent_id, body, version, mutation_id, device_id, timestamp)
            VALUES ($ws, $seq, $op, $kind, $id, $parent, $body, $version, $mid, $device, $ts);
            """, "$ws", "$seq", "$op", "$kind", "$id", "$parent", "$body", "$version", "$mid", "$device", "$ts");
        _insertMutation = Create(connection, transaction,
            "INSERT INTO mutations (workspace_id, mutation_id, seq, version) VALUES ($ws, $mid, $seq, $version);",
            "$ws", "$mid", "$seq", "$version");
    }

    public MutationOutcome Apply(PendingMutation pending)
    {
        var m = pending.Mutation;
        var previous = FindApplied(m.WorkspaceId, m.MutationId);
        if (previous is not null)
            return new MutationOutcome(previous, null);

        var current = FindEntity(m.WorkspaceId, m.EntityId);
        string? parentId;
        string? body;
        long version;
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
                    return Conflict(MutationResult.ConflictWith(m.MutationId, current, $"The {current.Kind} '{m.EntityId}' was deleted (version {current.Version}) after the version {m.BaseVersion} this edit was made on."));
                if (current.Version != m.BaseVersion)
                    return Conflict(MutationResult.ConflictWith(m.MutationId, current, $"The {current.Kind} '{m.EntityId}' is at version {current.Version}, but this edit was made on version {m.BaseVersion}. Resolve the conflict and send it again on version {current.Version}."));
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
                version = current.Version + 1;
                break;

            default:
                return Reject(m, ErrorCodes.InvalidRequest, $"Unknown op '{m.Op}'.");
        }

        _nextSeq.Parameters["$ws"].Value = m.WorkspaceId;
        if (_nextSeq.ExecuteScalar() is not long seq)
            return Reject(m, ErrorCodes.Forbidden, $"Workspace '{m.WorkspaceId}' is not one of yours.");
        var deleted = m.Op == MutationOps.Delete;

        Set(_upsertEntity, ("$ws", m.WorkspaceId), ("$id", m.EntityId), ("$kind", m.Kind), ("$parent", parentId), ("$body", body),
            ("$version", version), ("$deleted", deleted ? 1 : 0), ("$seq", seq));
        _upsertEntity.ExecuteNonQuery();
        Set(_insertChange, ("$ws", m.WorkspaceId), ("$seq", seq), ("$op", m.Op), ("$kind", m.Kind), ("$id", m.EntityId), ("$parent", parentId),
            ("$body", body), ("$version", version), ("$mid", m.MutationId), ("$device", pending.DeviceId), ("$ts", _timestamp));
        _insertChange.ExecuteNonQuery();
        Set(_insertMutation, ("$ws", m.WorkspaceId), ("$mid", m.MutationId), ("$seq", seq), ("$version", version));
        _insertMutation.ExecuteNonQuery();

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
            Timestamp = _timestamp,
        };
        return new MutationOutcome(MutationResult.Applied(m.MutationId, seq, version), change);
    }

    public void Dispose()
    {
        _findMutation.Dispose();
        _findEntity.Dispose();
        _nextSeq.Dispose();
        _upsertEntity.Dispose();
        _insertChange.Dispose();
        _insertMutation.Dispose();
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
        var parent = FindEntity(workspaceId, parentId);
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
            ancestor = FindEntity(workspaceId, ancestor)?.ParentId;
        }
        return null;
    }

    private MutationResult? FindApplied(string workspaceId, string mutationId)
    {
        _findMutation.Parameters["$ws"].Value = workspaceId;
        _findMutation.Parameters["$mid"].Value = mutationId;
        using var reader = _findMutation.ExecuteReader();
        return reader.Read() ? MutationResult.Applied(mutationId, reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private EntityState? FindEntity(string workspaceId, string entityId)
    {
        _findEntity.Parameters["$ws"].Value = workspaceId;
        _findEntity.Parameters["$id"].Value = entityId;
        using var reader = _findEntity.ExecuteReader();
        if (!reader.Read()) return null;
        return new EntityState
        {
            EntityId = entityId,
            Kind = reader.GetString(0),
            ParentId = reader.IsDBNull(1) ? null : reader.GetString(1),
            Body = reader.IsDBNull(2) ? null : reader.GetString(2),
            Version = reader.GetInt64(3),
            Deleted = reader.GetInt64(4) != 0,
        };
    }

    private static MutationOutcome Reject(Mutation m, string code, string message) =>
        new(MutationResult.Rejected(m.MutationId, code, message), null);

    private static MutationOutcome Conflict(MutationResult result) => new(result, null);

    private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }
        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }
}
