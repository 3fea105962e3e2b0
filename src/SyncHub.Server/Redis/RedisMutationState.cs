using StackExchange.Redis;
using SyncHub.Protocol;
using SyncHub.Server.Storage.Internal;

namespace SyncHub.Server.Redis;

/// <summary>
/// The mutation applier's view of one workspace in one commit attempt: the replica at the head read for this attempt,
/// the idempotency entries read with that head, and what the attempt wrote so far (which the commit then sends in one
/// transaction).
/// </summary>
internal sealed class RedisMutationState(
    string workspace,
    WorkspaceReplica replica,
    bool workspaceExists,
    IReadOnlyDictionary<string, (long Seq, long Version)> applied,
    IDatabase database,
    RedisKeys keys) : IMutationState
{
    private readonly Dictionary<string, StoredEntity> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Seq, long Version)> _mutations = new(StringComparer.Ordinal);

    public List<Change> Changes { get; } = [];

    public IReadOnlyDictionary<string, StoredEntity> Rows => _rows;

    public long Head => replica.Head + Changes.Count;

    public (long Seq, long Version)? FindApplied(string workspaceId, string mutationId)
    {
        if (_mutations.TryGetValue(mutationId, out var mine)) return mine;
        if (applied.TryGetValue(mutationId, out var stored)) return stored;
        return null;
    }

    public StoredEntity? FindEntity(string workspaceId, string entityId) =>
        _rows.TryGetValue(entityId, out var mine) ? mine : replica.Rows.GetValueOrDefault(entityId);

    public StoredChange? FindChange(string workspaceId, long seq)
    {
        Change? change;
        if (seq > replica.Head)
        {
            var index = seq - replica.Head - 1;
            change = index < Changes.Count ? Changes[(int)index] : null;
        }
        else
        {
            // Conflicts, merges and resent merged updates only: a synchronous read of one immutable change (seq <= head).
            change = RedisCodec.ReadChange(database.HashGet(keys.Changes(workspace), seq));
        }
        return change is null ? null : new StoredChange(change.MutationId, change.ParentId, change.Body);
    }

    public IEnumerable<LiveEntity> LiveEntities(string workspaceId)
    {
        foreach (var (id, row) in replica.Rows)
        {
            var current = _rows.GetValueOrDefault(id) ?? row;
            if (!current.Deleted) yield return new LiveEntity(id, current.Kind, current.ParentId, current.Version);
        }
        foreach (var (id, row) in _rows)
        {
            if (!replica.Rows.ContainsKey(id) && !row.Deleted) yield return new LiveEntity(id, row.Kind, row.ParentId, row.Version);
        }
    }

    public long? NextSeq(string workspaceId) => workspaceExists ? Head + 1 : null;

    public void UpsertEntity(string workspaceId, string entityId, StoredEntity entity) => _rows[entityId] = entity;

    public void InsertChange(string workspaceId, Change change)
    {
        Changes.Add(change);
        _mutations[change.MutationId] = (change.Seq, change.Version);
    }
}
