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
    // Only "is a member" is cached. A removal deletes the row, then bumps _removals, then drops the entry; a lookup
    // that raced with it (read the row before the delete) sees the bump after adding its entry and drops it again,
    // so no stale yes outlives a removal.
    private readonly ConcurrentDictionary<(string AccountId, string WorkspaceId), bool> _members = new();
    private long _removals;

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
        var key = (accountId, workspaceId);
        if (_members.ContainsKey(key))
            return Task.FromResult(true);
        var removals = Interlocked.Read(ref _removals);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM workspace_members WHERE workspace_id = $ws AND account_id = $account;";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$account", accountId);
        if (command.ExecuteScalar() is null)
            return Task.FromResult(false);
        if (_members.Count >= MaxCachedMemberships) _members.Clear();
        _members.TryAdd(key, true);
        if (Interlocked.Read(ref _removals) != removals) _members.TryRemove(key, out _);
        return Task.FromResult(true);
    }

    public Task<AccountRecord?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, username, email, password_hash, personal_workspace_id FROM accounts WHERE username_norm = $username;";
        command.Parameters.AddWithValue("$username", Normalize(username));
        using var reader = command.ExecuteReader();
        AccountRecord? account = reader.Read()
            ? new AccountRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
            : null;
        return Task.FromResult(account);
    }

    public Task<IReadOnlyList<MembershipRecord>> GetMembershipsAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // Personal workspaces take no members, so the only personal one an account belongs to is its own.
        command.CommandText = """
            SELECT w.id, w.name, w.owner_account_id, w.id = a.personal_workspace_id, w.created_at, m.role
            FROM workspace_members m
            JOIN workspaces w ON w.id = m.workspace_id
            JOIN accounts a ON a.id = m.account_id
            WHERE m.account_id = $account
            ORDER BY w.id = a.personal_workspace_id DESC, w.created_at, w.id;
            """;
        command.Parameters.AddWithValue("$account", accountId);
        using var reader = command.ExecuteReader();
        var list = new List<MembershipRecord>();
        while (reader.Read())
            list.Add(new MembershipRecord(ReadWorkspace(reader), reader.GetString(5)));
        return Task.FromResult<IReadOnlyList<MembershipRecord>>(list);
    }

    public Task<WorkspaceRecord?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT w.id, w.name, w.owner_account_id, w.id = a.personal_workspace_id, w.created_at
            FROM workspaces w JOIN accounts a ON a.id = w.owner_account_id
            WHERE w.id = $ws;
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadWorkspace(reader) : null);
    }

    public Task CreateWorkspaceAsync(WorkspaceRecord workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO workspaces (id, name, owner_account_id, created_at) VALUES ($ws, $name, $owner, $created);
                INSERT INTO workspace_members (workspace_id, account_id, role, created_at) VALUES ($ws, $owner, 'owner', $created);
                """;
            insert.Parameters.AddWithValue("$ws", workspace.WorkspaceId);
            insert.Parameters.AddWithValue("$name", workspace.Name);
            insert.Parameters.AddWithValue("$owner", workspace.OwnerAccountId);
            insert.Parameters.AddWithValue("$created", workspace.CreatedAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string workspaceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.account_id, a.username, m.role, m.created_at
            FROM workspace_members m JOIN accounts a ON a.id = m.account_id
            WHERE m.workspace_id = $ws
            ORDER BY m.role = 'owner' DESC, m.created_at, m.account_id;
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        using var reader = command.ExecuteReader();
        var list = new List<MemberRecord>();
        while (reader.Read())
            list.Add(new MemberRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        return Task.FromResult<IReadOnlyList<MemberRecord>>(list);
    }

    public Task<bool> AddMemberAsync(string workspaceId, string accountId, string role, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO workspace_members (workspace_id, account_id, role, created_at) VALUES ($ws, $account, $role, $created)
            ON CONFLICT (workspace_id, account_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$created", addedAt.ToUnixTimeMilliseconds());
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<bool> RemoveMemberAsync(string workspaceId, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int removed;
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM workspace_members WHERE workspace_id = $ws AND account_id = $account;";
            command.Parameters.AddWithValue("$ws", workspaceId);
            command.Parameters.AddWithValue("$account", accountId);
            removed = command.ExecuteNonQuery();
        }
        // In this order (see _members): the row is gone before the bump, the entry after it.
        Interlocked.Increment(ref _removals);
        _members.TryRemove((accountId, workspaceId), out _);
        return Task.FromResult(removed == 1);
    }

    private static WorkspaceRecord ReadWorkspace(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3) != 0,
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));

    // Case-insensitive identity for usernames and emails; the machine runs with invariant globalization.
    private static string Normalize(string value) => value.Trim().ToUpperInvariant();
}
