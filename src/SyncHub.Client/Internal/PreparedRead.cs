using Microsoft.Data.Sqlite;

namespace SyncHub.Client.Internal;

/// <summary>
/// One read statement the engine runs on every turn of its loop, prepared once on a connection of its own.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite prepares a command's SQL again for every new command, and a pooled connection is taken and
/// given back around each. For the status counts, read several times per change (the loop's turn and every status
/// transition), that was the largest single cost of a device: 15 % of the load generator's CPU with 3,000 devices
/// (bench/RESULTS.md). Each execution is its own read transaction in WAL mode, so it sees every commit before it, from
/// this process or another. Calls are serialised: the engine loop and app threads (status reads) both use it.
/// </remarks>
internal sealed class PreparedRead<T>(string connectionString, string sql, Func<SqliteDataReader, T> read) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _command;
    private bool _disposed;

    public T Execute()
    {
        lock (_lock)
        {
            if (_disposed) return ExecuteOnce();
            if (_command is null)
            {
                _connection = new SqliteConnection(connectionString);
                _connection.Open();
                _command = CreateCommand(_connection);
                _command.Prepare();
            }
            try
            {
                using var reader = _command.ExecuteReader();
                return read(reader);
            }
            catch (SqliteException)
            {
                // A broken connection is opened afresh next time rather than failing every later read.
                Close();
                throw;
            }
        }
    }

    // After the store is disposed (a status read racing the client's shutdown) the read still works, as it did before
    // this class, but leaves nothing open behind it.
    private T ExecuteOnce()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = CreateCommand(connection);
        using var reader = command.ExecuteReader();
        return read(reader);
    }

    private SqliteCommand CreateCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // SQL text is a constant of the caller; no values in it.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Close();
        }
    }

    private void Close()
    {
        _command?.Dispose();
        _connection?.Dispose();
        _command = null;
        _connection = null;
    }
}
