using StackExchange.Redis;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Redis;

/// <summary>
/// Prunes a workspace's change log in Redis to the newest N changes, keeping every change an entity still points at (its
/// body lives only there), and records how far it pruned.
/// </summary>
/// <remarks>
/// Each chunk raises the floor and removes its changes in one MULTI/EXEC, so a reader that finds its cursor at or above
/// the floor after reading a page knows the page had no gap. What to keep is read before: an entity only ever moves to a
/// newer change (above the head, so above the chunk), so a change no entity points at now is never pointed at again.
/// Idempotency entries are kept, as in the SQLite store.
/// </remarks>
internal sealed class RedisChangeLogRetention(RedisConnection redis) : IChangeLogRetention
{
    private const int ChunkSize = 2000;

    public async Task<long> GetPrunedThroughAsync(string workspaceId, CancellationToken cancellationToken) =>
        RedisCodec.ReadLong(await redis.Database.StringGetAsync(redis.Keys.PrunedThrough(workspaceId)).ConfigureAwait(false));

    public async Task<long> PruneAsync(string workspaceId, int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var db = redis.Database;
        var keys = redis.Keys;
        var floor = RedisCodec.ReadLong(await db.StringGetAsync(keys.PrunedThrough(workspaceId)).ConfigureAwait(false));
        var target = RedisCodec.ReadLong(await db.StringGetAsync(keys.Head(workspaceId)).ConfigureAwait(false)) - keep;
        if (floor >= target) return floor;
        var pointedAt = new HashSet<long>();
        foreach (var entry in await db.HashGetAllAsync(keys.Entities(workspaceId)).ConfigureAwait(false))
        {
            pointedAt.Add(RedisCodec.ReadEntity(entry.Value).Seq);
        }
        while (floor < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var to = Math.Min(target, floor + ChunkSize);
            var deletable = new List<RedisValue>();
            for (var seq = floor + 1; seq <= to; seq++)
            {
                if (!pointedAt.Contains(seq)) deletable.Add(seq);
            }
            var tx = db.CreateTransaction();
            // The floor only grows: another node's pruner may have gone further meanwhile.
            tx.AddCondition(floor == 0 ? Condition.KeyNotExists(keys.PrunedThrough(workspaceId)) : Condition.StringEqual(keys.PrunedThrough(workspaceId), floor));
            _ = tx.StringSetAsync(keys.PrunedThrough(workspaceId), to);
            if (deletable.Count > 0) _ = tx.HashDeleteAsync(keys.Changes(workspaceId), [.. deletable]);
            if (!await tx.ExecuteAsync().ConfigureAwait(false))
                return await GetPrunedThroughAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            floor = to;
        }
        return floor;
    }

    public async Task<IReadOnlyList<string>> FindWorkspacesOverAsync(int keep, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var keys = redis.Keys;
        var over = new List<string>();
        // The workspace list is scanned in pieces so that one call never blocks Redis on a large set.
        var ids = new List<string>();
        await foreach (var id in db.SetScanAsync(keys.AllWorkspaces, pageSize: 1000).ConfigureAwait(false))
        {
            ids.Add((string)id!);
        }
        foreach (var chunk in ids.Chunk(500))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var heads = chunk.Select(id => db.StringGetAsync(keys.Head(id))).ToArray();
            var floors = chunk.Select(id => db.StringGetAsync(keys.PrunedThrough(id))).ToArray();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (RedisCodec.ReadLong(await heads[i].ConfigureAwait(false)) - RedisCodec.ReadLong(await floors[i].ConfigureAwait(false)) > keep)
                    over.Add(chunk[i]);
            }
        }
        return over;
    }
}
