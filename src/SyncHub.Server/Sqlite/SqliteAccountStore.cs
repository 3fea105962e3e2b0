using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sqlite;

/// <summary>Accounts, workspaces, memberships and devices in the SQLite file.</summary>
internal sealed class SqliteAccountStore(SqliteDatabase database) : IAccountStore
{
    private const int SqliteConstraint = 19;
    private const int MaxCachedMemberships = 100_000;

    // Every Mutate call checks membership; a query per call was a large part of the hub's cost per change.
    // Only "is a member" is cached: memberships are only ever added (with the account), so a cached yes stays
    // true. Whatever removes a membership one day must remove its entry here too.
    private readonly ConcurrentDictionary<(string AccountId, string WorkspaceId), bool> _members = new();

    public Task<AccountRecord?> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var created = account.CreatedAt.ToUnixTimeMilliseconds();
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        try
        {
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT INTO accounts (id, username, username_norm, email, email_norm, password_hash, personal_workspace_id, created_at)
                    VALUES ($id, $username, $usernameNorm, $email, $emailNorm, $hash, $ws, $created);
                    INSERT INTO workspaces (id, name, owner_account_id, created_at) VALUES ($ws, $wsName, $id, $created);
                    INSERT INTO workspace_members (workspace_id, account_id, role, created_at) VALUES ($ws, $id, 'owner', $created);
                    """;
                insert.Parameters.AddWithValue("$id", account.AccountId);
                insert.Parameters.AddWithValue("$username", account.Username);
                insert.Parameters.AddWithValue("$usernameNorm", Normalize(account.Username));
                insert.Parameters.AddWithValue("$email", account.Email);
                insert.Parameters.AddWithValue("$emailNorm", Normalize(account.Email));
                insert.Parameters.AddWithValue("$hash", account.PasswordHash);
                insert.Parameters.AddWithValue("$ws", account.WorkspaceId);
                insert.Parameters.AddWithValue("$wsName", account.Username);
                insert.Parameters.AddWithValue("$created", created);
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            // A username or email index refused the row: taken, possibly by a racing registration.
            return Task.FromResult<AccountRecord?>(null);
        }
        return Task.FromResult<AccountRecord?>(new AccountRecord(account.AccountId, account.Username, account.Email, account.PasswordHash, account.WorkspaceId));
    }

    public Task<AccountRecord?> FindByLoginAsync(string login, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var norm = Normalize(login);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, username, email, password_hash, personal_workspace_id FROM accounts
            WHERE username_norm = $login OR email_norm = $login LIMIT 1;
            """;
        command.Parameters.AddWithValue("$login", norm);
        using var reader = command.ExecuteReader();
        AccountRecord? account = reader.Read()
            ? new AccountRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
            : null;
        return Task.FromResult(account);
    }

    public Task<AccountRecord?> FindByIdAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, username, email, password_hash, personal_workspace_id FROM accounts WHERE id = $id;";
        command.Parameters.AddWithValue("$id", accountId);
        using var reader = command.ExecuteReader();
        AccountRecord? account = reader.Read()
            ? new AccountRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
            : null;
        return Task.FromResult(account);
    }

    public Task<bool> IsMemberAsync(string accountId, string workspaceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_members.ContainsKey((accountId, workspaceId)))
            return Task.FromResult(true);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM workspace_members WHERE workspace_id = $ws AND account_id = $account;";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$account", accountId);
        if (command.ExecuteScalar() is null)
            return Task.FromResult(false);
        if (_members.Count >= MaxCachedMemberships) _members.Clear();
        _members.TryAdd((accountId, workspaceId), true);
        return Task.FromResult(true);
    }

    // Case-insensitive identity for usernames and emails; the machine runs with invariant globalization.
    private static string Normalize(string value) => value.Trim().ToUpperInvariant();
}
