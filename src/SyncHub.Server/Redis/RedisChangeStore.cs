using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SyncHub.Protocol;
using SyncHub.Server.Storage;
using SyncHub.Server.Storage.Internal;

namespace SyncHub.Server.Redis;

/// <summary>
/// The change log and entities in Redis. A workspace's mutations of a batch are applied by the shared rules
/// (<see cref="MutationApplier"/>) against this node's replica of the workspace, then written in one Lua script that only
/// runs if the workspace's head is still the one the rules saw: idempotency entries, entity rows, changes and the new
/// head land together or not at all, whichever node wrote last. A node that lost the race reloads what changed and
/// applies again. Workspaces of one batch commit concurrently (pipelined), each on its own keys and hash slot. The commit
/// is one Lua script that checks what the rules assumed; while the node's replica is current (the usual case: a
/// workspace's writers mostly sit on one node) a commit is that one round trip.
/// </summary>
/// <remarks>
/// Durability is Redis's: with <c>appendfsync always</c> an acknowledged change is on disk; with <c>everysec</c> a Redis
/// crash can lose the last second (docs/OPERATIONS.md). A failure whose outcome is unknown (the connection dropped after
/// EXEC was sent) answers <c>unavailable</c>; the device resends the same mutation id and gets the first result.
/// </remarks>
internal sealed class RedisChangeStore(
    RedisConnection redis,
    TimeProvider timeProvider,
    IOptions<SyncHubOptions> options,
    ILogger<RedisChangeStore> logger) : IChangeStore
{
    private const int MaxAttempts = 50;
    private const int MaxReplicas = 20_000;
    // Beyond this many missed changes a reload of the rows is cheaper than reading every change.
    private const int MaxCatchUpChanges = 2_000;
    private readonly ConcurrentDictionary<string, WorkspaceReplica> _replicas = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<MutationOutcome>> ApplyAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = new MutationOutcome[batch.Count];
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var groups = GroupByWorkspace(batch);
        await Task.WhenAll(groups.Select(g => ApplyGroupAsync(g.Key, g.Value, batch, outcomes, timestamp, cancellationToken))).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<AllOrNothingOutcome> ApplyAllOrNothingAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return new AllOrNothingOutcome([], -1, null);
        var workspaceId = batch[0].Mutation.WorkspaceId;
        if (batch.Any(p => !string.Equals(p.Mutation.WorkspaceId, workspaceId, StringComparison.Ordinal)))
            throw new ArgumentException("An all-or-nothing batch is of one workspace.", nameof(batch));
        var outcomes = new MutationOutcome[batch.Count];
        var indices = Enumerable.Range(0, batch.Count).ToList();
        var failed = await CommitGroupAsync(workspaceId, indices, batch, outcomes, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), allOrNothing: true, cancellationToken).ConfigureAwait(false);
        return failed >= 0
            ? new AllOrNothingOutcome([], failed, outcomes[failed].Result)
            : new AllOrNothingOutcome([.. outcomes.Select(o => o.Change!)], -1, null);
    }

    public async Task<ChangePage> GetChangesAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var head = RedisCodec.ReadLong(await db.StringGetAsync(redis.Keys.Head(workspaceId)).ConfigureAwait(false));
        var changes = new List<Change>(Math.Max(0, (int)Math.Min(limit, head - afterSeq)));
        var next = afterSeq + 1;
        // Changes at or below the head never change, so reading them after the head is consistent with it. Pruned seqs
        // (below the floor) read as missing and are skipped, as the SQLite store's range query skips them.
        while (changes.Count < limit && next <= head)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(limit - changes.Count, head - next + 1);
            var fields = new RedisValue[count];
            for (var i = 0; i < count; i++) fields[i] = next + i;
            var values = await db.HashGetAsync(redis.Keys.Changes(workspaceId), fields).ConfigureAwait(false);
            foreach (var value in values)
            {
                if (RedisCodec.ReadChange(value) is { } change) changes.Add(change);
            }
            next += count;
        }
        var last = changes.Count > 0 ? changes[^1].Seq : afterSeq;
        return new ChangePage
        {
            WorkspaceId = workspaceId,
            Changes = [.. changes],
            HeadSeq = head,
            HasMore = last < head && next <= head,
        };
    }

    public async Task<long> GetHeadSeqAsync(string workspaceId, CancellationToken cancellationToken) =>
        RedisCodec.ReadLong(await redis.Database.StringGetAsync(redis.Keys.Head(workspaceId)).ConfigureAwait(false));

    private static Dictionary<string, List<int>> GroupByWorkspace(IReadOnlyList<PendingMutation> batch)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var ws = batch[i].Mutation.WorkspaceId;
            if (!groups.TryGetValue(ws, out var list)) groups[ws] = list = [];
            list.Add(i);
        }
        return groups;
    }

    // A failing workspace answers 'unavailable' for its own mutations only: the others of the batch are committed and pushed.
    private async Task ApplyGroupAsync(string workspaceId, List<int> indices, IReadOnlyList<PendingMutation> batch, MutationOutcome[] outcomes, long timestamp, CancellationToken cancellationToken)
    {
        try
        {
            await CommitGroupAsync(workspaceId, indices, batch, outcomes, timestamp, allOrNothing: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailures.IsStoreFailure(ex))
        {
            RedisLog.GroupUnavailable(logger, ex, indices.Count, workspaceId);
            foreach (var i in indices)
            {
                outcomes[i] = new MutationOutcome(MutationResult.Rejected(batch[i].Mutation.MutationId, ErrorCodes.Unavailable,
                    "The hub could not reach its store (Redis) to save this change; it stays in your outbox and is sent again shortly."), null);
            }
        }
    }

    /// <summary>Applies the group and commits it; returns -1, or with <paramref name="allOrNothing"/> the index that stopped it.</summary>
    private async Task<int> CommitGroupAsync(string workspaceId, List<int> indices, IReadOnlyList<PendingMutation> batch, MutationOutcome[] outcomes, long timestamp, bool allOrNothing, CancellationToken cancellationToken)
    {
        var replica = Replica(workspaceId);
        await replica.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var db = redis.Database;
            var keys = redis.Keys;
            var mutationIds = indices.Select(i => (RedisValue)batch[i].Mutation.MutationId).Distinct().ToArray();
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Fast path: a replica this node keeps current (its own commits) is most likely still the head, so the
                // rules run on it at once and the commit script checks that guess (head, existence, none of the ids
                // applied). One round trip per commit; a wrong guess only sends the attempt down the checked path.
                var guess = attempt == 1 && replica.IsLoaded;
                long head;
                var applied = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
                var exists = true;
                if (guess)
                {
                    head = replica.Head;
                }
                else
                {
                    // The head, the idempotency entries and the workspace's existence as of one moment.
                    var read = db.CreateTransaction();
                    var headTask = read.StringGetAsync(keys.Head(workspaceId));
                    var appliedTask = read.HashGetAsync(keys.Mutations(workspaceId), mutationIds);
                    var existsTask = read.KeyExistsAsync(keys.WorkspaceMeta(workspaceId));
                    await read.ExecuteAsync().ConfigureAwait(false);
                    head = RedisCodec.ReadLong(await headTask.ConfigureAwait(false));
                    if (!await CatchUpAsync(workspaceId, replica, head).ConfigureAwait(false)) continue;
                    var appliedValues = await appliedTask.ConfigureAwait(false);
                    for (var i = 0; i < mutationIds.Length; i++)
                    {
                        if (RedisCodec.ReadApplied(appliedValues[i]) is { } entry) applied[(string)mutationIds[i]!] = entry;
                    }
                    exists = await existsTask.ConfigureAwait(false);
                }

                var state = new RedisMutationState(workspaceId, replica, exists, applied, db, keys);
                var applier = new MutationApplier(state, options.Value.MaxBodyBytes);
                var stoppedAt = -1;
                foreach (var i in indices)
                {
                    outcomes[i] = applier.Apply(batch[i], timestamp);
                    if (allOrNothing && outcomes[i].Change is null)
                    {
                        stoppedAt = i;
                        break;
                    }
                }
                // An answer that writes nothing cannot be checked by the commit script: a guess is read for real first.
                if (stoppedAt >= 0 || state.Changes.Count == 0)
                {
                    if (guess) continue;
                    return stoppedAt;
                }

                var unapplied = mutationIds.Where(id => !applied.ContainsKey((string)id!)).ToArray();
                if (await TryCommitAsync(db, keys, workspaceId, head, unapplied, state).ConfigureAwait(false))
                {
                    replica.Advance(state.Rows.Select(r => (r.Key, r.Value)), state.Head);
                    return -1;
                }
                if (!guess) RedisLog.CommitRaced(logger, workspaceId, attempt);
                if (attempt >= MaxAttempts)
                    throw new RedisException($"Workspace {workspaceId} kept moving on during {MaxAttempts} commit attempts.");
            }
        }
        catch
        {
            replica.Invalidate();
            throw;
        }
        finally
        {
            replica.Gate.Release();
        }
    }

    // One script per commit: everything on the workspace's slot, so it is atomic on Redis Cluster too. It writes only if
    // the workspace exists, its head is the one the rules ran on and none of the mutations they took as new was applied
    // meanwhile; then idempotency entries, entity rows, changes and the head land together.
    // KEYS: meta, head, mutations, entities, changes. ARGV: expected head, new head, n, n ids to check, then three
    // counted lists of field/value pairs (mutations, entities, changes).
    private const string CommitScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        if tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[1]) then return 0 end
        local i = 4
        for _ = 1, tonumber(ARGV[3]) do
          if redis.call('HEXISTS', KEYS[3], ARGV[i]) == 1 then return 0 end
          i = i + 1
        end
        for k = 3, 5 do
          local count = tonumber(ARGV[i])
          i = i + 1
          for _ = 1, count do
            redis.call('HSET', KEYS[k], ARGV[i], ARGV[i + 1])
            i = i + 2
          end
        end
        redis.call('SET', KEYS[2], ARGV[2])
        return 1
        """;

    private static async Task<bool> TryCommitAsync(IDatabase db, RedisKeys keys, string workspaceId, long expectedHead, RedisValue[] unapplied, RedisMutationState state)
    {
        var args = new List<RedisValue>(6 + unapplied.Length + 2 * (2 * state.Changes.Count + state.Rows.Count)) { expectedHead, state.Head, unapplied.Length };
        args.AddRange(unapplied);
        args.Add(state.Changes.Count);
        foreach (var c in state.Changes)
        {
            args.Add(c.MutationId);
            args.Add(RedisCodec.Applied(c.Seq, c.Version));
        }
        args.Add(state.Rows.Count);
        foreach (var (id, row) in state.Rows)
        {
            args.Add(id);
            args.Add(RedisCodec.Entity(row));
        }
        args.Add(state.Changes.Count);
        foreach (var c in state.Changes)
        {
            args.Add(c.Seq);
            args.Add(RedisCodec.Change(c));
        }
        RedisKey[] scriptKeys = [keys.WorkspaceMeta(workspaceId), keys.Head(workspaceId), keys.Mutations(workspaceId), keys.Entities(workspaceId), keys.Changes(workspaceId)];
        var result = await db.ScriptEvaluateAsync(CommitScript, scriptKeys, [.. args]).ConfigureAwait(false);
        return (int)result == 1;
    }

    // Brings the replica to 'head': from the changes it missed when they are few, else by reloading every row. False when
    // the reload found another head (the workspace moved on meanwhile): the caller reads again.
    private async Task<bool> CatchUpAsync(string workspaceId, WorkspaceReplica replica, long head)
    {
        if (replica.IsLoaded && replica.Head == head) return true;
        var db = redis.Database;
        if (replica.IsLoaded && head > replica.Head && head - replica.Head <= MaxCatchUpChanges)
        {
            var fields = new RedisValue[head - replica.Head];
            for (var i = 0; i < fields.Length; i++) fields[i] = replica.Head + 1 + i;
            var values = await db.HashGetAsync(redis.Keys.Changes(workspaceId), fields).ConfigureAwait(false);
            var missed = values.Select(RedisCodec.ReadChange).ToList();
            if (missed.TrueForAll(c => c is not null))
            {
                replica.Advance(missed.SelectMany(c => RedisCodec.RowsOf(c!)), head);
                return true;
            }
        }
        var read = db.CreateTransaction();
        var headTask = read.StringGetAsync(redis.Keys.Head(workspaceId));
        var rowsTask = read.HashGetAllAsync(redis.Keys.Entities(workspaceId));
        await read.ExecuteAsync().ConfigureAwait(false);
        var reloadedHead = RedisCodec.ReadLong(await headTask.ConfigureAwait(false));
        replica.Reset((await rowsTask.ConfigureAwait(false)).Select(e => new KeyValuePair<string, StoredEntity>((string)e.Name!, RedisCodec.ReadEntity(e.Value))), reloadedHead);
        RedisLog.ReplicaReloaded(logger, workspaceId, reloadedHead);
        return reloadedHead == head;
    }

    private WorkspaceReplica Replica(string workspaceId)
    {
        if (_replicas.Count > MaxReplicas)
        {
            // A cache, not the truth: drop the idle copies; the next use of one reloads it.
            foreach (var (id, replica) in _replicas)
            {
                if (replica.Gate.CurrentCount == 1) _replicas.TryRemove(new KeyValuePair<string, WorkspaceReplica>(id, replica));
            }
        }
        return _replicas.GetOrAdd(workspaceId, _ => new WorkspaceReplica());
    }
}
