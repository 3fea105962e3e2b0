using Microsoft.Data.Sqlite;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>Signed-in devices in the SQLite file (table <c>devices</c>).</summary>
/// <remarks>
/// Writes hold the change writer's gate (<see cref="SqliteDatabase.ChangeWriteGate"/>): a sign-in then waits for the
/// writer's batch instead of making the writer wait for SQLite's write lock in its sleeping busy handler.
/// </remarks>
internal sealed class SqliteDeviceStore(SqliteDatabase database) : IDeviceStore
{
    private const string Columns = "id, account_id, name, token_hash, created_at, last_seen_at, expires_at, revoked_at, revoked_by";

    public Task<DeviceSignInResult> SignInAsync(DeviceRecord device, int maxDevices, string? replaceDeviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return WriteAsync(connection => SignIn(connection, device, maxDevices, replaceDeviceId), cancellationToken);
    }

    private static DeviceSignInResult SignIn(SqliteConnection connection, DeviceRecord device, int maxDevices, string? replaceDeviceId)
    {
        var now = device.CreatedAt.ToUnixTimeMilliseconds();
        // IMMEDIATE: the write lock is taken before the count, so two sign-ins of one account are counted one after the other.
        using var tx = connection.BeginTransaction(deferred: false);
        if (replaceDeviceId is not null && Revoke(connection, tx, replaceDeviceId, device.AccountId, device.DeviceId, now) == 0)
            return DeviceSignInResult.ReplacedNotFound;

        var active = ReadActive(connection, tx, device.AccountId, now);
        if (active.Count >= maxDevices)
        {
            // Rolled back: a replaced device stays signed in when the new one cannot take its place.
            return new DeviceSignInResult(DeviceSignInStatus.DeviceLimit, active);
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO devices (id, account_id, name, token_hash, created_at, last_seen_at, expires_at, revoked_at, revoked_by)
                VALUES ($id, $account, $name, $hash, $created, $seen, $expires, NULL, NULL);
                """;
            insert.Parameters.AddWithValue("$id", device.DeviceId);
            insert.Parameters.AddWithValue("$account", device.AccountId);
            insert.Parameters.AddWithValue("$name", device.Name);
            insert.Parameters.AddWithValue("$hash", device.TokenHash);
            insert.Parameters.AddWithValue("$created", now);
            insert.Parameters.AddWithValue("$seen", device.LastSeenAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$expires", device.ExpiresAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return DeviceSignInResult.SignedIn;
    }

    public Task<IReadOnlyList<DeviceRecord>> GetActiveDevicesAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        return Task.FromResult<IReadOnlyList<DeviceRecord>>(ReadActive(connection, null, accountId, now.ToUnixTimeMilliseconds()));
    }

    public Task<DeviceRecord?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        FindOneAsync("id = $key", deviceId, cancellationToken);

    public Task<DeviceRecord?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        FindOneAsync("token_hash = $key", tokenHash, cancellationToken);

    public Task<bool> RevokeAsync(string deviceId, string? revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        WriteAsync(connection => Revoke(connection, null, deviceId, null, revokedBy, revokedAt.ToUnixTimeMilliseconds()) > 0, cancellationToken);

    public Task<bool> RenewAsync(string deviceId, byte[] currentTokenHash, byte[] newTokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(connection => Renew(connection, deviceId, currentTokenHash, newTokenHash, expiresAt, now), cancellationToken);

    private static bool Renew(SqliteConnection connection, string deviceId, byte[] currentTokenHash, byte[] newTokenHash, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE devices SET token_hash = $new, expires_at = $expires, last_seen_at = MAX(last_seen_at, $now)
            WHERE id = $id AND token_hash = $current AND revoked_at IS NULL AND expires_at > $now;
            """;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$current", currentTokenHash);
        command.Parameters.AddWithValue("$new", newTokenHash);
        command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() > 0;
    }

    public Task TouchAsync(string deviceId, DateTimeOffset seenAt, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE devices SET last_seen_at = $seen WHERE id = $id AND last_seen_at < $seen;";
            command.Parameters.AddWithValue("$id", deviceId);
            command.Parameters.AddWithValue("$seen", seenAt.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await database.ChangeWriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = database.Open();
            return write(connection);
        }
        finally
        {
            database.ChangeWriteGate.Release();
        }
    }

    private Task<DeviceRecord?> FindOneAsync(string where, object key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM devices WHERE {where};";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    private static int Revoke(SqliteConnection connection, SqliteTransaction? tx, string deviceId, string? accountId, string? revokedBy, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            UPDATE devices SET revoked_at = $now, revoked_by = $by
            WHERE id = $id AND revoked_at IS NULL AND expires_at > $now AND ($account IS NULL OR account_id = $account);
            """;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$account", (object?)accountId ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", (object?)revokedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteNonQuery();
    }

    private static List<DeviceRecord> ReadActive(SqliteConnection connection, SqliteTransaction? tx, string accountId, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            SELECT {Columns} FROM devices
            WHERE account_id = $account AND revoked_at IS NULL AND expires_at > $now
            ORDER BY created_at, id;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$now", now);
        using var reader = command.ExecuteReader();
        var devices = new List<DeviceRecord>();
        while (reader.Read())
        {
            devices.Add(Read(reader));
        }
        return devices;
    }

    private static DeviceRecord Read(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            (byte[])reader.GetValue(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)))
        {
            RevokedBy = reader.IsDBNull(8) ? null : reader.GetString(8),
        };
}
