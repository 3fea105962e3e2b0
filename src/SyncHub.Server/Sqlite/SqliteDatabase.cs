using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SyncHub.Server.Sqlite;

/// <summary>The SQLite file of the hub: creates it and its schema, and opens connections set up for durability.</summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const string FileName = "synchub.db";

    // Every connection: a commit is flushed (WAL + FULL: an acknowledged write survives a crash or power loss).
    // No connection checkpoints inside its own commit; SqliteWalCheckpointer does it in the background.
    // (mmap_size was measured too: no gain in the benchmark, so reads stay plain reads.)
    private const string ConnectionPragmas =
        "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";

    // The change writer's connection: its working set (the leaf pages of every active workspace) must stay in
    // memory, or each commit re-reads the pages the previous one pushed out of SQLite's 2 MB default cache.
    private const string WriterPragmas = "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";

    // Every mutation of a commit dirties a leaf of its own in three B-trees (each workspace has its own key range), and
    // each dirty page is a WAL frame, flushed, then copied into the file by a checkpoint. 2 KB pages halve those bytes
    // against SQLite's default 4 KB (measured: ~19 KB written to storage per change instead of ~26-28 KB) while a
    // typical body row (~0.5-1 KB) still fits its leaf without an overflow page. 1 KB pages wrote not much less in
    // all (the file system writes whole 4 KB blocks when a checkpoint scatters 1 KB pages over the file).
    private const int PageSize = 2048;

    private readonly Lock _initLock = new();

    // Pooled connections keep their native handle: configure each handle once, not at every Open.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];
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

    /// <summary>Opens a (pooled) connection; every connection commits with a full flush so an acknowledged write survives a crash.</summary>
    public SqliteConnection Open()
    {
        EnsureCreated();
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle!;
            if (!_configured.TryGetValue(handle, out _))
            {
                Execute(connection, ConnectionPragmas);
                _configured.AddOrUpdate(handle, handle);
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Held by whoever writes changes (the change writer, one batch at a time) and by the checkpointer while it
    /// starts the WAL over, so that the two never wait on each other through SQLite's sleeping busy handler.
    /// </summary>
    public SemaphoreSlim ChangeWriteGate { get; } = new(1, 1);

    /// <summary>Opens the change writer's own connection (not pooled), with a cache large enough for its working set.</summary>
    public SqliteConnection OpenWriter() => OpenDedicated(WriterPragmas);

    /// <summary>Opens a connection of its own (not pooled), with <paramref name="pragmas"/> run after the usual ones.</summary>
    public SqliteConnection OpenDedicated(string pragmas)
    {
        EnsureCreated();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, ConnectionPragmas + pragmas);
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
            // Only takes on a new file (before its first table); an existing store keeps the page size it has.
            Execute(connection, $"PRAGMA page_size={PageSize};");
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            using (var tx = connection.BeginTransaction())
            {
                var version = ReadUserVersion(connection, tx);
                if (version != 0 && version != SqliteSchema.Version)
                {
                    throw new InvalidOperationException(
                        $"The store at {FilePath} has schema version {version}; this hub uses version {SqliteSchema.Version} and cannot convert it. Move the file away to start a new store.");
                }
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

    private static long ReadUserVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return command.ExecuteScalar() is long version ? version : 0;
    }
}
