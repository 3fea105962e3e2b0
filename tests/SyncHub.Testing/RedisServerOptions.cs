namespace SyncHub.Testing;

/// <summary>How a test's <see cref="RedisServer"/> persists.</summary>
public sealed class RedisServerOptions
{
    /// <summary>Whether the append-only file is on (a restart then brings the data back).</summary>
    public bool AppendOnly { get; init; } = true;

    /// <summary><c>always</c> (every write on disk before the answer), <c>everysec</c> or <c>no</c>.</summary>
    public string AppendFsync { get; init; } = "always";
}
