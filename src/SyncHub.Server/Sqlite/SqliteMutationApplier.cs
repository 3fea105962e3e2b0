using Microsoft.Data.Sqlite;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// Applies mutations one after another inside the writer's open transaction: idempotency, existence,
/// base version, parent rules, then the next seq, the entity row, the change row and the idempotency row.
/// It lives as long as the writer's connection, so its statements are prepared once, not per batch.
/// </summary>
/// <remarks>
/// The head seq of each workspace is kept in <c>heads</c>, a cache of MAX(seq) as the writer's own
/// transaction sees it: it is read from <c>changes</c> on first use, and the owner clears it whenever a
/// transaction fails, so it never runs ahead of what was committed.
/// </remarks>
internal sealed partial class SqliteMutationApplier : IDisposable
{
    private const int MaxTreeDepth = 1000;
    private readonly Dictionary<string, long> _heads;
    private readonly List<SqliteCommand> _commands = [];
    private readonly SqliteCommand _findMutation;
    private readonly SqliteParameter _findMutationWs;
    private readonly SqliteParameter _findMutationId;
    private readonly SqliteCommand _findEntity;
    private readonly SqliteParameter _findEntityWs;
    private readonly SqliteParameter _findEntityId;
    private readonly SqliteCommand _findBody;
    private readonly SqliteParameter _findBodyWs;
    private readonly SqliteParameter _findBodySeq;
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
    private readonly int _maxBodyBytes;
    private long _timestamp;

    public SqliteMutationApplier(SqliteConnection connection, Dictionary<string, long> heads, int maxBodyBytes)
    {
        _heads = heads;
        _maxBodyBytes = maxBodyBytes;
        (_findMutation, var p) = Create(connection,
            "SELECT seq, version FROM mutations WHERE workspace_id = $ws AND mutation_id = $mid;", "$ws", "$mid");
        (_findMutationWs, _findMutationId) = (p[0], p[1]);
        (_findEntity, p) = Create(connection,
            "SELECT kind, parent_id, version, deleted, seq FROM entities WHERE workspace_id = $ws AND entity_id = $id;", "$ws", "$id");
        (_findEntityWs, _findEntityId) = (p[0], p[1]);
        (_findBody, p) = Create(connection, "SELECT body FROM changes WHERE workspace_id = $ws AND seq = $seq;", "$ws", "$seq");
        (_findBodyWs, _findBodySeq) = (p[0], p[1]);
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

    /// <summary>Starts a batch in <paramref name="transaction"/>; its changes carry <paramref name="timestamp"/>.</summary>
    public void Begin(SqliteTransaction transaction, long timestamp)
    {
        _timestamp = timestamp;
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }
    }

    public MutationOutcome Apply(PendingMutation pending)
    {
        var m = pending.Mutation;
        var previous = FindApplied(m.WorkspaceId, m.MutationId);
        if (previous is not null)
            return new MutationOutcome(AsFirstAnswered(m, previous), null);

        var current = FindEntity(m.WorkspaceId, m.EntityId);
        string? parentId;
        string? body;
        long version;
        var merged = false;
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
                {
                    // "Keep mine" against a delete: an update made on the tombstone's own version brings the entity back.
                    if (m.Op != MutationOps.Update || current.Version != m.BaseVersion)
                        return Conflict(MutationResult.ConflictWith(m.MutationId, State(m, current), $"The {current.Kind} '{m.EntityId}' was deleted (version {current.Version}) after the version {m.BaseVersion} this edit was made on. Send the update on version {current.Version} to restore it."));
                    if (!string.Equals(current.Kind, m.Kind, StringComparison.Ordinal))
                        return Reject(m, ErrorCodes.InvalidRequest, $"The entity '{m.EntityId}' is a {current.Kind}; an {m.Op} cannot make it a {m.Kind}.");
                    if (CheckParent(m.WorkspaceId, m.Kind, m.ParentId, m.EntityId) is { } restoreParentError)
                        return Reject(m, ErrorCodes.InvalidParent, $"{restoreParentError} The {m.Kind} '{m.EntityId}' cannot be restored there.");
                    parentId = m.ParentId;
                    body = m.Body;
                }
                else if (current.Version != m.BaseVersion)
                {
                    if (m.Op != MutationOps.Update || m.BaseBody is null || !string.Equals(current.Kind, m.Kind, StringComparison.Ordinal))
                        return Conflict(MutationResult.ConflictWith(m.MutationId, State(m, current), $"The {current.Kind} '{m.EntityId}' is at version {current.Version}, but this edit was made on version {m.BaseVersion}. Resolve the conflict and send it again on version {current.Version}."));
                    if (TryMerge(m, current, out var mergedContent) is { } notMerged) return notMerged;
                    parentId = mergedContent!.ParentId;
                    body = mergedContent.Body;
                    merged = true;
                }
                else
                {
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
                }
                version = current.Version + 1;
                break;

            default:
                return Reject(m, ErrorCodes.InvalidRequest, $"Unknown op '{m.Op}'.");
        }

        if (NextSeq(m.WorkspaceId) is not { } seq)
            return Reject(m, ErrorCodes.Forbidden, $"Workspace '{m.WorkspaceId}' is not one of yours.");
        var deleted = m.Op == MutationOps.Delete;
        UpsertEntity(m.WorkspaceId, m.EntityId, m.Kind, parentId, version, deleted, seq);

        // The descendants go in the same transaction and the same seq: every device applies the delete whole or not at all.
        CascadedDelete[]? cascade = null;
        if (deleted && EntityValidator.AllowedChildren(m.Kind).Count > 0)
        {
            var descendants = FindLiveDescendants(m.WorkspaceId, m.EntityId);
            if (descendants.Count > 0)
            {
                cascade = [.. descendants];
                foreach (var d in cascade)
                {
                    UpsertEntity(m.WorkspaceId, d.EntityId, d.Kind, d.ParentId, d.Version, deleted: true, seq);
                }
            }
        }

        var c = _insertChangeParameters;
        c[0].Value = m.WorkspaceId;
        c[1].Value = seq;
        c[2].Value = m.Op;
        c[3].Value = m.Kind;
        c[4].Value = m.EntityId;
        c[5].Value = (object?)parentId ?? DBNull.Value;
        c[6].Value = (object?)body ?? DBNull.Value;
        c[7].Value = version;
        c[8].Value = m.MutationId;
        c[9].Value = pending.DeviceId;
        c[10].Value = _timestamp;
        c[11].Value = cascade is null ? DBNull.Value : SqliteCascadeColumn.Write(cascade);
        _insertChange.ExecuteNonQuery();

        var u = _insertMutationParameters;
        u[0].Value = m.WorkspaceId;
        u[1].Value = m.MutationId;
        u[2].Value = seq;
        u[3].Value = version;
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
            Cascade = cascade,
        };
        var result = merged
            ? MutationResult.MergedInto(m.MutationId, seq, version, parentId, body!)
            : MutationResult.Applied(m.MutationId, seq, version);
        return new MutationOutcome(result, change);
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }
    }

    // The next seq of the workspace, or null when it does not exist. Only called once every check passed.
    private long? NextSeq(string workspaceId)
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

    private void UpsertEntity(string workspaceId, string entityId, string kind, string? parentId, long version, bool deleted, long seq)
    {
        var e = _upsertEntityParameters;
        e[0].Value = workspaceId;
        e[1].Value = entityId;
        e[2].Value = kind;
        e[3].Value = (object?)parentId ?? DBNull.Value;
        e[4].Value = version;
        e[5].Value = deleted ? 1L : 0L;
        e[6].Value = seq;
        _upsertEntity.ExecuteNonQuery();
    }

    /// <summary>Every live entity below <paramref name="rootId"/>, at any depth, parents before children, each at its tombstone version.</summary>
    /// <remarks>
    /// One range scan of the workspace's live rows (entities is clustered by workspace), then a walk in memory. An index on
    /// (workspace_id, parent_id) would make this a few seeks, but every create and update would then maintain it, and
    /// write throughput is what the hub is measured on; deletes of containers are rare next to creates and updates.
    /// </remarks>
    private List<CascadedDelete> FindLiveDescendants(string workspaceId, string rootId)
    {
        var children = new Dictionary<string, List<(string Id, string Kind, long Version)>>(StringComparer.Ordinal);
        _liveEntitiesWs.Value = workspaceId;
        using (var reader = _liveEntities.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.IsDBNull(2)) continue;
                var parent = reader.GetString(2);
                if (!children.TryGetValue(parent, out var list))
                    children[parent] = list = [];
                list.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(3)));
            }
        }
        var result = new List<CascadedDelete>();
        var queue = new Queue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { rootId };
        queue.Enqueue(rootId);
        while (queue.TryDequeue(out var parentId))
        {
            if (!children.TryGetValue(parentId, out var list)) continue;
            foreach (var (id, kind, version) in list)
            {
                // The parent checks keep the tree acyclic; 'seen' guards the walk should a cycle ever be stored.
                if (!seen.Add(id)) continue;
                result.Add(new CascadedDelete { EntityId = id, Kind = kind, ParentId = parentId, Version = version + 1 });
                queue.Enqueue(id);
            }
        }
        return result;
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
        _findMutationWs.Value = workspaceId;
        _findMutationId.Value = mutationId;
        using var reader = _findMutation.ExecuteReader();
        return reader.Read() ? MutationResult.Applied(mutationId, reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private EntityRow? FindEntity(string workspaceId, string entityId)
    {
        _findEntityWs.Value = workspaceId;
        _findEntityId.Value = entityId;
        using var reader = _findEntity.ExecuteReader();
        if (!reader.Read()) return null;
        return new EntityRow(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetInt64(2),
            reader.GetInt64(3) != 0,
            reader.GetInt64(4));
    }

    // Only a conflict needs the body: it is stored once, in the change that made the entity's current version.
    private EntityState State(Mutation m, EntityRow row)
    {
        string? body = null;
        if (!row.Deleted)
        {
            _findBodyWs.Value = m.WorkspaceId;
            _findBodySeq.Value = row.Seq;
            body = _findBody.ExecuteScalar() as string;
        }
        return new EntityState
        {
            EntityId = m.EntityId,
            Kind = row.Kind,
            ParentId = row.ParentId,
            Body = body,
            Version = row.Version,
            Deleted = row.Deleted,
        };
    }

    private static MutationOutcome Reject(Mutation m, string code, string message) =>
        new(MutationResult.Rejected(m.MutationId, code, message), null);

    private static MutationOutcome Conflict(MutationResult result) => new(result, null);

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

    private sealed record EntityRow(string Kind, string? ParentId, long Version, bool Deleted, long Seq);
}
