namespace SyncHub.Testing;

/// <summary>The store a test hub runs on.</summary>
public enum HubStore
{
    /// <summary>The embedded SQLite file (the hub's default).</summary>
    Sqlite,

    /// <summary>Cluster mode on Redis: a shared test redis-server, under a key prefix of the hub's own.</summary>
    Redis,
}
