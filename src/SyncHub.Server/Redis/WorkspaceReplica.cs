using SyncHub.Server.Storage.Internal;

namespace SyncHub.Server.Redis;

/// <summary>
/// This node's copy of one workspace's entity rows (no bodies) at <see cref="Head"/>, so that the mutation rules (parents,
/// cycles, cascades) run in memory instead of one Redis round trip per lookup. It is only a cache: every commit is
/// conditional on the workspace's head in Redis still being <see cref="Head"/>, so a stale copy costs a retry, never a
/// wrong answer. <see cref="Gate"/> serializes the node's own writers (commit writer and imports) on the workspace.
/// </summary>
internal sealed class WorkspaceReplica
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Dictionary<string, StoredEntity> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>The seq the rows reflect; -1 until loaded.</summary>
    public long Head { get; private set; } = -1;

    public bool IsLoaded => Head >= 0;

    public void Reset(IEnumerable<KeyValuePair<string, StoredEntity>> rows, long head)
    {
        Rows.Clear();
        foreach (var (id, row) in rows) Rows[id] = row;
        Head = head;
    }

    public void Advance(IEnumerable<(string EntityId, StoredEntity Entity)> rows, long head)
    {
        foreach (var (id, row) in rows) Rows[id] = row;
        Head = head;
    }

    /// <summary>Forgets everything: after a failure whose outcome in Redis is unknown, the next use reloads.</summary>
    public void Invalidate()
    {
        Rows.Clear();
        Head = -1;
    }
}
