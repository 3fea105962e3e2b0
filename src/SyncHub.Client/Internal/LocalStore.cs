using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SyncHub.Client.Internal;

/// <summary>
/// The profile's SQLite store (<c>synchub.db</c>): session, entities, cursors, outbox, conflicts and failed changes.
/// Every method opens a pooled connection of its own, so the app's threads and the engine loop can use it at once;
/// WAL and a busy timeout let several processes (the console's <c>watch</c> and <c>add</c>) share one profile.
/// Every change that must be atomic (a local write and its outbox entry, a page and the cursor, a result and the
/// outbox) runs in one <c>BEGIN IMMEDIATE</c> transaction, so a second process cannot interleave between read and write.
/// </summary>
internal sealed partial class LocalStore : IDisposable
{
    public const string FileName = "synchub.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS session(
            id INTEGER PRIMARY KEY CHECK (id = 1),
            server_url TEXT NOT NULL, account_id TEXT NOT NULL, workspace_id TEXT NOT NULL, device_id TEXT NOT NULL,
            login TEXT NOT NULL, token TEXT NOT NULL, expires_at INTEGER NULL, issued_at INTEGER NULL, server_urls TEXT NULL);
        CREATE TABLE IF NOT EXISTS entities(
            workspace_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
            parent_id TEXT NULL, body TEXT NULL, deleted INTEGER NOT NULL DEFAULT 0,
            server_parent_id TEXT NULL, server_body TEXT NULL, server_version INTEGER NOT NULL DEFAULT 0,
            server_deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (workspace_id, id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS entities_by_parent_rank ON entities(workspace_id, parent_id, json_extract(body, '$.rank'));
        CREATE TABLE IF NOT EXISTS cursors(workspace_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS own_deletes_ahead(
            workspace_id TEXT NOT NULL, seq INTEGER NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (workspace_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS outbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, mutation_id TEXT NOT NULL UNIQUE,
            op TEXT NOT NULL, kind TEXT NOT NULL, entity_id TEXT NOT NULL, parent_id TEXT NULL, body TEXT NULL,
            base_version INTEGER NOT NULL, created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NULL, base_parent_id TEXT NULL, base_body TEXT NULL);
        CREATE INDEX IF NOT EXISTS outbox_by_entity ON outbox(workspace_id, entity_id, seq);
        CREATE TABLE IF NOT EXISTS conflicts(
            id INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, mutation_id TEXT NOT NULL,
            entity_id TEXT NOT NULL, kind TEXT NOT NULL, mine_body TEXT NULL, base_version INTEGER NOT NULL,
            has_theirs INTEGER NOT NULL, theirs_kind TEXT NULL, theirs_parent_id TEXT NULL, theirs_body TEXT NULL,
            theirs_version INTEGER NOT NULL DEFAULT 0, theirs_deleted INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL,
            mine_parent_id TEXT NULL, base_parent_id TEXT NULL, base_body TEXT NULL, conflicting_fields TEXT NULL);
        CREATE TABLE IF NOT EXISTS failed(
            id INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, mutation_id TEXT NOT NULL,
            entity_id TEXT NOT NULL, kind TEXT NOT NULL, op TEXT NOT NULL, body TEXT NULL,
            code TEXT NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly PreparedRead<LocalCounts> _totalCounts;

    private LocalStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _totalCounts = TotalCountsQuery(_connectionString);
    }

    public string Path { get; }

    /// <summary>Opens (and creates when missing) the store in <paramref name="profileDirectory"/>.</summary>
    public static LocalStore Open(string profileDirectory)
    {
        Directory.CreateDirectory(profileDirectory);
        var store = new LocalStore(System.IO.Path.Combine(profileDirectory, FileName));
        using var connection = store.OpenConnection();
        // WAL is a property of the file: set once, every later connection (any process) uses it.
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        using var tx = connection.BeginTransaction(deferred: false);
        Execute(connection, tx, Schema);
        // Profiles made before token renewal lack issued_at; a null there renews at the next connect.
        if (Scalar(connection, tx, "SELECT COUNT(*) FROM pragma_table_info('session') WHERE name = 'issued_at'") is 0L)
            Execute(connection, tx, "ALTER TABLE session ADD COLUMN issued_at INTEGER NULL");
        // Profiles made before several hub nodes know one URL (server_url); a null list means just that one.
        AddColumnIfMissing(connection, tx, "session", "server_urls");
        // Profiles made before merges lack the base content of outbox entries and the sides of conflicts.
        AddColumnIfMissing(connection, tx, "outbox", "base_parent_id");
        AddColumnIfMissing(connection, tx, "outbox", "base_body");
        AddColumnIfMissing(connection, tx, "conflicts", "mine_parent_id");
        AddColumnIfMissing(connection, tx, "conflicts", "base_parent_id");
        AddColumnIfMissing(connection, tx, "conflicts", "base_body");
        AddColumnIfMissing(connection, tx, "conflicts", "conflicting_fields");
        tx.Commit();
        return store;
    }

    // Table and column names are constants of this class, never input.
    private static void AddColumnIfMissing(SqliteConnection connection, SqliteTransaction tx, string table, string column)
    {
        if (Scalar(connection, tx, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'") is 0L)
            Execute(connection, tx, $"ALTER TABLE {table} ADD COLUMN {column} TEXT NULL");
    }

    public void Dispose()
    {
        _totalCounts.Dispose();
        // Pooled connections keep the file open; release them so the profile folder can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: wait for another writer (this process or another) instead of failing with SQLITE_BUSY,
        // and make every commit durable, since the outbox is the only copy of the user's edits.
        Execute(connection, null, "PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL;");
        return connection;
    }

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = OpenConnection();
        return read(connection);
    }

    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction(deferred: false);
        var result = write(connection, tx);
        tx.Commit();
        return result;
    }

    private void Write(Action<SqliteConnection, SqliteTransaction> write) =>
        Write<bool>((c, tx) => { write(c, tx); return true; });

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
#pragma warning disable CA2100 // SQL text is constant; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static long ToUnixMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
