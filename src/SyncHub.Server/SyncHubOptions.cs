namespace SyncHub.Server;

/// <summary>Settings of the hub, bound from the configuration section <c>SyncHub</c>.</summary>
public sealed class SyncHubOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "SyncHub";

    /// <summary>Where the SQLite store lives; created when missing.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Largest entity body, in UTF-8 bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most mutations in one Mutate call.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Largest hub message SignalR reads (its MaximumReceiveMessageSize).</summary>
    public long MaxMessageBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Most changes in one ChangePage.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How long a device token stays valid after sign-in.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most mutations the writer commits in one transaction (one flush).</summary>
    public int CommitBatchSize { get; set; } = 256;

    /// <summary>Shortest password accepted at registration.</summary>
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Most devices of one account signed in at once (from sign-in until signed out or expired).</summary>
    public int MaxDevicesPerAccount { get; set; } = 3;

    /// <summary>How long a remote sign-out waits for an online device to send its outbox and acknowledge.</summary>
    public TimeSpan RemoteSignOutGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Changes kept per workspace (the newest ones); a device whose cursor is older restores from a snapshot.</summary>
    public int ChangeLogRetention { get; set; } = 100_000;

    /// <summary>Most team workspaces one account may own (its personal one is not counted).</summary>
    public int MaxWorkspacesPerAccount { get; set; } = 100;

    /// <summary>Largest file <c>POST /api/workspaces/{id}/import</c> takes, in bytes.</summary>
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// A StackExchange.Redis configuration string (e.g. <c>redis1:6379,redis2:6379,password=...</c>). When set, the node runs in
    /// cluster mode: the change store, accounts, devices and presence live in Redis and pushes cross nodes on its backplane;
    /// <see cref="DataDirectory"/> is then unused. Unset: the embedded SQLite store.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The prefix of every Redis key and channel of this hub, so that several hubs (or tests) can share one Redis.</summary>
    public string RedisPrefix { get; set; } = "synchub";

    /// <summary>
    /// Cluster mode: how often a node refreshes its heartbeat key in Redis. The devices connected to a node count as
    /// online while its heartbeat lives.
    /// </summary>
    public TimeSpan NodeHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Cluster mode: how long a node's heartbeat lives without a refresh. A node that died without stopping (a crash, a
    /// kill -9, a lost network) has its devices count as offline this long after its last heartbeat at most.
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Limits on sign-in and registration attempts (section <c>SyncHub:SignIn</c>).</summary>
    public SignInRateLimitOptions SignIn { get; set; } = new();
}
