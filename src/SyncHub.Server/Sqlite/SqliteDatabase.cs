using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SyncHub.Server.Sqlite;

/// <summary>The SQLite file of the hub: creates it and its schema, and opens connections set up for durability.</summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const string FileName = "synchub.db";
    private readonly Lock _initLock = new();
    private volatile bool _initialized;

    public SqliteDatabase(IOptions<SyncHubOptions> options)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Writers of accounts and devices wait for the change writer's lock instead of failing.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Opens a connection; every connection commits with a full flush so an acknowledged write survives a crash.</summary>
    public SqliteConnection Open()
    {
        EnsureCreated();
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void EnsureCreated()
    {
        if (_initialized) return;
        lock (_initLock)
        {
            if (_initialized) return;
            Directory.CreateDirectory(DataDirectory);
            using var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            // WAL is a property of the file: set once, it holds for every later connection.
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            using (var tx = connection.BeginTransaction())
            {
                Execute(connection, SqliteSchema.Create, tx);
                tx.Commit();
            }
            _initialized = true;
        }
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; a restart on the same directory or deleting it needs them closed.
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
