using SyncHub.Server.Internal;

namespace SyncHub.Server.Sqlite;

/// <summary>Creates the data directory, the file and its schema at start, so that a bad DataDirectory fails the start rather than the first request.</summary>
internal sealed class SqliteStoreInitializer(SqliteDatabase database, ILogger<SqliteStoreInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        database.EnsureCreated();
        Log.StoreOpened(logger, "sqlite", database.DataDirectory, SqliteSchema.Version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
