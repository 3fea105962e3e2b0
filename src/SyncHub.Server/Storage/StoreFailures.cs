using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace SyncHub.Server.Storage;

/// <summary>Tells a store that cannot answer now (transient, answered <c>unavailable</c>) from a bug.</summary>
internal static class StoreFailures
{
    /// <summary>Whether <paramref name="exception"/> is a store failing: Redis unreachable or timing out, SQLite failing on disk.</summary>
    public static bool IsStoreFailure(Exception exception) =>
        exception is RedisException or RedisTimeoutException or SqliteException or IOException
        || (exception is TimeoutException && exception.Source?.StartsWith("StackExchange.Redis", StringComparison.Ordinal) == true);
}
