using System.Collections.Concurrent;
using StackExchange.Redis;
using SyncHub.Server.Presence;

namespace SyncHub.Server.Redis;

/// <summary>
/// Presence of a cluster: every connection of an account's devices, on every node, in one Redis hash per account
/// (<see cref="RedisKeys.AccountPresence"/>: <c>device|connection</c> → node id). A connection counts only while the
/// heartbeat key of its node lives, so a node that died without closing its connections does not leave its devices online.
/// </summary>
/// <remarks>
/// First and last are decided by one script on the account's hash, so two nodes connecting or disconnecting the same
/// device at once never both (or neither) see the device come online or go offline. The script cannot read the heartbeat
/// keys (they live in other slots on Redis Cluster): the node reads them just before and names the dead nodes to it, and
/// the script drops their connections in the same step. The node also remembers its own connections, so that it can write
/// them again when its heartbeat was found gone (Redis restarted empty, or another node cleaned them up while this one
/// could not reach Redis).
/// </remarks>
internal sealed class RedisPresenceTracker(RedisConnection redis, HubNode node) : IPresenceTracker
{
    private const char Separator = '|';

    // KEYS[1] the account's presence hash; ARGV[1] the connection's field, ARGV[2] this node, ARGV[3] the device's field
    // prefix, ARGV[4..] nodes found dead. Returns 1 when the device had no other live connection.
    private const string ConnectScript = """
        local dead = {}
        for i = 4, #ARGV do dead[ARGV[i]] = true end
        local all = redis.call('HGETALL', KEYS[1])
        local others = 0
        for i = 1, #all, 2 do
          local field, holder = all[i], all[i + 1]
          if dead[holder] then
            redis.call('HDEL', KEYS[1], field)
          elseif field ~= ARGV[1] and string.sub(field, 1, #ARGV[3]) == ARGV[3] then
            others = others + 1
          end
        end
        local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        if added == 1 and others == 0 then return 1 end
        return 0
        """;

    // KEYS[1] the account's presence hash; ARGV[1] the connection's field, ARGV[2] the device's field prefix, ARGV[3..]
    // nodes found dead. Returns 1 when the connection was there and was the device's last live one.
    private const string DisconnectScript = """
        if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
        local dead = {}
        for i = 3, #ARGV do dead[ARGV[i]] = true end
        local all = redis.call('HGETALL', KEYS[1])
        local remaining = 0
        for i = 1, #all, 2 do
          local field, holder = all[i], all[i + 1]
          if dead[holder] then
            redis.call('HDEL', KEYS[1], field)
          elseif string.sub(field, 1, #ARGV[2]) == ARGV[2] then
            remaining = remaining + 1
          end
        end
        if remaining == 0 then return 1 end
        return 0
        """;

    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    // This node's connections: field → account id.
    private readonly ConcurrentDictionary<string, string> _own = new(StringComparer.Ordinal);

    // Closed connections whose removal from Redis failed: field → account id.
    private readonly ConcurrentDictionary<string, string> _unremoved = new(StringComparer.Ordinal);

    /// <summary>The id of the node this tracker records connections for.</summary>
    public string NodeId => node.Id;

    /// <inheritdoc />
    public async ValueTask<bool> ConnectedAsync(string accountId, string deviceId, string connectionId, CancellationToken cancellationToken)
    {
        var field = Field(deviceId, connectionId);
        _own[field] = accountId;
        try
        {
            var key = redis.Keys.AccountPresence(accountId);
            var remembered = redis.Database.SetAddAsync(redis.Keys.NodeAccounts(node.Id), accountId);
            var dead = await DeadNodesAsync(key, cancellationToken).ConfigureAwait(false);
            await remembered.ConfigureAwait(false);
            var result = await redis.Database.ScriptEvaluateAsync(
                ConnectScript,
                [key],
                [field, node.Id, DevicePrefix(deviceId), .. dead]).ConfigureAwait(false);
            return (int)result == 1;
        }
        catch
        {
            // The connection is refused; the heartbeat must not write it back.
            _own.TryRemove(field, out _);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DisconnectedAsync(string accountId, string deviceId, string connectionId, CancellationToken cancellationToken)
    {
        var field = Field(deviceId, connectionId);
        _own.TryRemove(field, out _);
        try
        {
            var key = redis.Keys.AccountPresence(accountId);
            var dead = await DeadNodesAsync(key, cancellationToken).ConfigureAwait(false);
            var result = await redis.Database.ScriptEvaluateAsync(
                DisconnectScript,
                [key],
                [field, DevicePrefix(deviceId), .. dead]).ConfigureAwait(false);
            _unremoved.TryRemove(field, out _);
            return (int)result == 1;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Left in Redis, the connection would keep its device online while this node lives: the heartbeat removes it.
            _unremoved[field] = accountId;
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlySet<string>> GetOnlineDevicesAsync(string accountId, CancellationToken cancellationToken)
    {
        var key = redis.Keys.AccountPresence(accountId);
        var db = redis.Database;
        var entries = await db.HashGetAllAsync(key).ConfigureAwait(false);
        if (entries.Length == 0) return None;
        var alive = await AliveAsync(entries.Select(e => (string)e.Value!), cancellationToken).ConfigureAwait(false);
        var online = new HashSet<string>(StringComparer.Ordinal);
        var gone = new List<RedisValue>();
        foreach (var entry in entries)
        {
            var field = (string)entry.Name!;
            if (alive.Contains((string)entry.Value!))
            {
                var end = field.IndexOf(Separator, StringComparison.Ordinal);
                online.Add(end < 0 ? field : field[..end]);
            }
            else
            {
                gone.Add(entry.Name);
            }
        }
        if (gone.Count > 0)
        {
            // Safe without the script: a connection of a dead node never comes back under the same field.
            await db.HashDeleteAsync(key, [.. gone]).ConfigureAwait(false);
        }
        return online;
    }

    /// <summary>
    /// Writes this node's connections again (after its heartbeat was found gone, others may have removed them).
    /// Returns how many it wrote.
    /// </summary>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        var snapshot = _own.ToArray();
        if (snapshot.Length == 0) return 0;
        var db = redis.Database;
        var accounts = snapshot.GroupBy(e => e.Value, StringComparer.Ordinal).ToArray();
        await db.SetAddAsync(redis.Keys.NodeAccounts(node.Id), [.. accounts.Select(a => (RedisValue)a.Key)]).ConfigureAwait(false);
        await Task.WhenAll(accounts.Select(account =>
            db.HashSetAsync(redis.Keys.AccountPresence(account.Key), [.. account.Select(e => new HashEntry(e.Key, node.Id))]))).ConfigureAwait(false);
        // A connection that closed while this ran may have been written back after its removal: remove it again.
        var closed = snapshot.Where(e => !_own.ContainsKey(e.Key)).ToArray();
        if (closed.Length > 0)
        {
            await Task.WhenAll(closed.Select(e => db.HashDeleteAsync(redis.Keys.AccountPresence(e.Value), e.Key))).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return snapshot.Length;
    }

    /// <summary>Removes the closed connections whose removal failed before (Redis could not be reached then).</summary>
    public async Task RemoveUnremovedAsync()
    {
        var snapshot = _unremoved.ToArray();
        if (snapshot.Length == 0) return;
        var db = redis.Database;
        await Task.WhenAll(snapshot.GroupBy(e => e.Value, StringComparer.Ordinal).Select(account =>
            db.HashDeleteAsync(redis.Keys.AccountPresence(account.Key), [.. account.Select(e => (RedisValue)e.Key)]))).ConfigureAwait(false);
        foreach (var entry in snapshot)
        {
            _unremoved.TryRemove(entry);
        }
    }

    /// <summary>Removes every connection of this node from Redis, and the node from the list of nodes (the node stops).</summary>
    public async Task ForgetAllAsync()
    {
        var db = redis.Database;
        await db.HashDeleteAsync(redis.Keys.Nodes, node.Id).ConfigureAwait(false);
        await db.KeyDeleteAsync(redis.Keys.NodeAccounts(node.Id)).ConfigureAwait(false);
        var snapshot = _own.ToArray();
        if (snapshot.Length == 0) return;
        await Task.WhenAll(snapshot.GroupBy(e => e.Value, StringComparer.Ordinal).Select(account =>
            db.HashDeleteAsync(redis.Keys.AccountPresence(account.Key), [.. account.Select(e => (RedisValue)e.Key)]))).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the nodes whose heartbeat is gone, removes their connections, and returns the accounts they held connections
    /// of (whose devices should be told). Each dead node is claimed by one node only (its entry in the node list is
    /// removed by exactly one HDEL), so its accounts are returned once in the whole cluster.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReapDeadNodesAsync(CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var keys = redis.Keys;
        var nodes = (await db.HashKeysAsync(keys.Nodes).ConfigureAwait(false)).Select(n => (string)n!).ToArray();
        var alive = await AliveAsync(nodes, cancellationToken).ConfigureAwait(false);
        var accounts = new List<string>();
        foreach (var dead in nodes.Where(n => !alive.Contains(n)))
        {
            if (!await db.HashDeleteAsync(keys.Nodes, dead).ConfigureAwait(false)) continue;
            var held = await db.SetMembersAsync(keys.NodeAccounts(dead)).ConfigureAwait(false);
            foreach (var account in held.Select(a => (string)a!))
            {
                // Reading presence drops the dead node's connections of the account.
                await GetOnlineDevicesAsync(account, cancellationToken).ConfigureAwait(false);
                accounts.Add(account);
            }
            await db.KeyDeleteAsync(keys.NodeAccounts(dead)).ConfigureAwait(false);
        }
        return accounts;
    }

    private async Task<RedisValue[]> DeadNodesAsync(RedisKey key, CancellationToken cancellationToken)
    {
        var holders = await redis.Database.HashValuesAsync(key).ConfigureAwait(false);
        if (holders.Length == 0) return [];
        var names = holders.Select(h => (string)h!).ToArray();
        var alive = await AliveAsync(names, cancellationToken).ConfigureAwait(false);
        return [.. names.Distinct(StringComparer.Ordinal).Where(n => !alive.Contains(n)).Select(n => (RedisValue)n)];
    }

    // The nodes among holders whose heartbeat lives. This node is alive by definition, even if Redis lost its key.
    private async Task<HashSet<string>> AliveAsync(IEnumerable<string> holders, CancellationToken cancellationToken)
    {
        var others = holders.Distinct(StringComparer.Ordinal).Where(n => !string.Equals(n, node.Id, StringComparison.Ordinal)).ToArray();
        var alive = new HashSet<string>(StringComparer.Ordinal) { node.Id };
        if (others.Length == 0) return alive;
        var db = redis.Database;
        // One EXISTS per node: heartbeat keys live in different slots on Redis Cluster.
        var exists = await Task.WhenAll(others.Select(n => db.KeyExistsAsync(redis.Keys.Node(n)))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < others.Length; i++)
        {
            if (exists[i]) alive.Add(others[i]);
        }
        return alive;
    }

    // Device ids never contain the separator (letters, digits, '-', '_', '.'), so the first one ends the device id.
    private static string Field(string deviceId, string connectionId) => string.Concat(deviceId, "|", connectionId);

    private static string DevicePrefix(string deviceId) => string.Concat(deviceId, "|");
}
