using StackExchange.Redis;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Redis;

/// <summary>Reads a workspace's live entities with their bodies (kept in the change each entity points at) at one head.</summary>
internal sealed class RedisWorkspaceSnapshotStore(RedisConnection redis) : IWorkspaceSnapshotStore
{
    private const int MaxAttempts = 10;

    public async Task<WorkspaceSnapshot> ReadSnapshotAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var keys = redis.Keys;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The head and every row as of one moment (MULTI/EXEC).
            var read = db.CreateTransaction();
            var headTask = read.StringGetAsync(keys.Head(workspaceId));
            var rowsTask = read.HashGetAllAsync(keys.Entities(workspaceId));
            await read.ExecuteAsync().ConfigureAwait(false);
            var head = RedisCodec.ReadLong(await headTask.ConfigureAwait(false));
            var live = (await rowsTask.ConfigureAwait(false))
                .Select(e => (Id: (string)e.Name!, Row: RedisCodec.ReadEntity(e.Value)))
                .Where(e => !e.Row.Deleted)
                .OrderBy(e => e.Id, StringComparer.Ordinal)
                .ToList();
            // The changes holding the bodies are at or below the head, so they are as they were; only the pruner could
            // remove one, and only after its entity moved on: then the snapshot is read again at the newer head.
            var bodies = live.Count == 0
                ? []
                : await db.HashGetAsync(keys.Changes(workspaceId), [.. live.Select(e => (RedisValue)e.Row.Seq)]).ConfigureAwait(false);
            var entities = new List<EntityState>(live.Count);
            var complete = true;
            for (var i = 0; i < live.Count && complete; i++)
            {
                if (RedisCodec.ReadChange(bodies[i]) is not { } change)
                {
                    complete = false;
                    break;
                }
                entities.Add(new EntityState
                {
                    EntityId = live[i].Id,
                    Kind = live[i].Row.Kind,
                    ParentId = live[i].Row.ParentId,
                    Version = live[i].Row.Version,
                    Body = change.Body,
                });
            }
            if (complete) return new WorkspaceSnapshot(workspaceId, head, entities);
            if (attempt >= MaxAttempts)
                throw new RedisException($"The snapshot of workspace {workspaceId} kept missing bodies; its change log is damaged.");
        }
    }
}
