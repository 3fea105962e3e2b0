using StackExchange.Redis;

namespace SyncHub.Server.Redis;

/// <summary>
/// Every Redis key and channel of the hub, in one place. All keys of a workspace share the hash tag <c>{w:ID}</c> and all
/// keys of an account share <c>{a:ID}</c>, so that one script or transaction only ever touches one slot and the same code
/// runs on Redis Cluster. The few global indexes (logins, tokens, the workspace list) are single keys of their own.
/// </summary>
/// <remarks>Ids are the hub's own (letters, digits, '-', '_'), so they cannot contain the braces of a hash tag.</remarks>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>The prefix every key and channel starts with (<c>SyncHub:RedisPrefix</c>).</summary>
    public string Prefix { get; } = prefix;

    // ---- workspace: {w:ID} ----

    /// <summary>Hash: name, owner, personal, createdAt. Its existence is the workspace's.</summary>
    public RedisKey WorkspaceMeta(string workspaceId) => W(workspaceId, "meta");

    /// <summary>Hash: member account id → role and join time.</summary>
    public RedisKey WorkspaceMembers(string workspaceId) => W(workspaceId, "members");

    /// <summary>String: the newest seq (absent: 0).</summary>
    public RedisKey Head(string workspaceId) => W(workspaceId, "head");

    /// <summary>Hash: entity id → its row (kind, parent, version, deleted, seq of the change holding its body).</summary>
    public RedisKey Entities(string workspaceId) => W(workspaceId, "entities");

    /// <summary>Hash: seq → the change, as JSON.</summary>
    public RedisKey Changes(string workspaceId) => W(workspaceId, "changes");

    /// <summary>Hash: mutation id → seq and version it was applied at (idempotency).</summary>
    public RedisKey Mutations(string workspaceId) => W(workspaceId, "mutations");

    /// <summary>String: the newest seq the change-log pruner may have removed.</summary>
    public RedisKey PrunedThrough(string workspaceId) => W(workspaceId, "floor");

    // ---- account: {a:ID} ----

    /// <summary>Hash: the account's fields.</summary>
    public RedisKey Account(string accountId) => A(accountId, "account");

    /// <summary>Hash: workspace id → the time the account joined it (the account's side of memberships).</summary>
    public RedisKey AccountWorkspaces(string accountId) => A(accountId, "workspaces");

    /// <summary>Hash: device id → the device record, as JSON.</summary>
    public RedisKey AccountDevices(string accountId) => A(accountId, "devices");

    /// <summary>Hash: device id and connection id → the node holding that connection.</summary>
    public RedisKey AccountPresence(string accountId) => A(accountId, "presence");

    // ---- global ----

    /// <summary>Hash: normalized username (<c>u:</c>) or email (<c>e:</c>) → account id.</summary>
    public RedisKey Logins => $"{Prefix}:logins";

    /// <summary>Hash: device token hash (hex) → device id.</summary>
    public RedisKey DeviceTokens => $"{Prefix}:device-tokens";

    /// <summary>Hash: device id → account id.</summary>
    public RedisKey DeviceAccounts => $"{Prefix}:device-accounts";

    /// <summary>Set: every workspace id (for the change-log pruner).</summary>
    public RedisKey AllWorkspaces => $"{Prefix}:workspaces";

    /// <summary>String with a time to live: a node is alive while its key exists.</summary>
    public RedisKey Node(string nodeId) => $"{Prefix}:node:{nodeId}";

    /// <summary>Hash: node id → its last heartbeat (Unix ms), for finding the nodes that died without stopping.</summary>
    public RedisKey Nodes => $"{Prefix}:nodes";

    /// <summary>Set: the accounts a node held connections of, to tell their devices when the node died.</summary>
    public RedisKey NodeAccounts(string nodeId) => $"{Prefix}:node:{nodeId}:accounts";

    /// <summary>The pub/sub channel of device events between nodes (sign-outs, revocations, acknowledgements).</summary>
    public RedisChannel DeviceEvents => RedisChannel.Literal($"{Prefix}:device-events");

    /// <summary>The channel prefix of the SignalR backplane, so that hubs with different prefixes on one Redis never mix.</summary>
    public string BackplaneChannelPrefix => $"{Prefix}:signalr";

    private RedisKey W(string workspaceId, string part) => $"{Prefix}:{{w:{workspaceId}}}:{part}";

    private RedisKey A(string accountId, string part) => $"{Prefix}:{{a:{accountId}}}:{part}";
}
