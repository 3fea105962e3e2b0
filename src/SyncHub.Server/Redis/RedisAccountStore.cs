using System.Globalization;
using StackExchange.Redis;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Redis;

/// <summary>
/// Accounts, workspaces and memberships in Redis. An account's keys share <c>{a:ID}</c>, a workspace's <c>{w:ID}</c>;
/// usernames and emails are claimed in the global logins hash with HSETNX, which is what makes them unique.
/// </summary>
/// <remarks>
/// The keys of one registration are in different slots, so it cannot be one transaction on Redis Cluster. It is written
/// so that a crash at any point leaves nothing anyone can reach half-made: the account, its workspace and its membership
/// first, the login claims last (the claims are what makes an account findable). A registration that loses a claim to a
/// racing one deletes what it wrote. A workspace's members hash is the truth of membership; the account's list of its
/// workspaces is an index, written after it and checked against it when read.
/// Membership is not cached on the node: a removal on another node must hold at once here too.
/// </remarks>
internal sealed class RedisAccountStore(RedisConnection redis) : IAccountStore
{
    private const string Owner = WorkspaceRoles.Owner;

    public async Task<AccountRecord?> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var db = redis.Database;
        var keys = redis.Keys;
        var created = account.CreatedAt.ToUnixTimeMilliseconds();
        var workspace = new WorkspaceRecord(account.WorkspaceId, account.Username, account.AccountId, Personal: true, account.CreatedAt);
        await db.HashSetAsync(keys.Account(account.AccountId),
        [
            new("id", account.AccountId),
            new("username", account.Username),
            new("email", account.Email),
            new("passwordHash", account.PasswordHash),
            new("workspaceId", account.WorkspaceId),
            new("createdAt", created),
        ]).ConfigureAwait(false);
        await WriteWorkspaceAsync(db, workspace).ConfigureAwait(false);

        var username = UsernameField(account.Username);
        var email = EmailField(account.Email);
        if (!await db.HashSetAsync(keys.Logins, username, account.AccountId, When.NotExists).ConfigureAwait(false))
        {
            await ForgetAsync(db, account, releaseUsername: false).ConfigureAwait(false);
            return null;
        }
        if (!await db.HashSetAsync(keys.Logins, email, account.AccountId, When.NotExists).ConfigureAwait(false))
        {
            await ForgetAsync(db, account, releaseUsername: true).ConfigureAwait(false);
            return null;
        }
        return new AccountRecord(account.AccountId, account.Username, account.Email, account.PasswordHash, account.WorkspaceId);
    }

    public async Task<AccountRecord?> FindByLoginAsync(string login, CancellationToken cancellationToken)
    {
        var ids = await redis.Database.HashGetAsync(redis.Keys.Logins, [UsernameField(login), EmailField(login)]).ConfigureAwait(false);
        var id = ids.FirstOrDefault(v => !v.IsNull);
        return id.IsNull ? null : await FindByIdAsync(id!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AccountRecord?> FindByIdAsync(string accountId, CancellationToken cancellationToken)
    {
        var fields = await redis.Database.HashGetAsync(redis.Keys.Account(accountId), ["id", "username", "email", "passwordHash", "workspaceId"]).ConfigureAwait(false);
        if (fields.Any(f => f.IsNull)) return null;
        return new AccountRecord(fields[0]!, fields[1]!, fields[2]!, fields[3]!, fields[4]!);
    }

    public async Task<AccountRecord?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        var id = await redis.Database.HashGetAsync(redis.Keys.Logins, UsernameField(username)).ConfigureAwait(false);
        return id.IsNull ? null : await FindByIdAsync(id!, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> IsMemberAsync(string accountId, string workspaceId, CancellationToken cancellationToken) =>
        redis.Database.HashExistsAsync(redis.Keys.WorkspaceMembers(workspaceId), accountId);

    public async Task<IReadOnlyList<MembershipRecord>> GetMembershipsAsync(string accountId, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var index = await db.HashKeysAsync(redis.Keys.AccountWorkspaces(accountId)).ConfigureAwait(false);
        var workspaces = index.Select(id => FindWorkspaceAsync(id!, cancellationToken)).ToArray();
        var roles = index.Select(id => db.HashGetAsync(redis.Keys.WorkspaceMembers(id!), accountId)).ToArray();
        var list = new List<MembershipRecord>(index.Length);
        for (var i = 0; i < index.Length; i++)
        {
            var workspace = await workspaces[i].ConfigureAwait(false);
            var member = await roles[i].ConfigureAwait(false);
            // The index may name a workspace the account was just removed from (or one half-made by a crash).
            if (workspace is null || member.IsNull) continue;
            list.Add(new MembershipRecord(workspace, ReadMember(member).Role));
        }
        return [.. list
            .OrderByDescending(m => m.Workspace.Personal && string.Equals(m.Workspace.OwnerAccountId, accountId, StringComparison.Ordinal))
            .ThenBy(m => m.Workspace.CreatedAt)
            .ThenBy(m => m.Workspace.WorkspaceId, StringComparer.Ordinal)];
    }

    public async Task<WorkspaceRecord?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var fields = await redis.Database.HashGetAsync(redis.Keys.WorkspaceMeta(workspaceId), ["name", "owner", "personal", "createdAt"]).ConfigureAwait(false);
        if (fields.Any(f => f.IsNull)) return null;
        return new WorkspaceRecord(workspaceId, fields[0]!, fields[1]!, (long)fields[2] == 1, DateTimeOffset.FromUnixTimeMilliseconds((long)fields[3]));
    }

    public Task CreateWorkspaceAsync(WorkspaceRecord workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return WriteWorkspaceAsync(redis.Database, workspace);
    }

    public async Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var members = await db.HashGetAllAsync(redis.Keys.WorkspaceMembers(workspaceId)).ConfigureAwait(false);
        var names = members.Select(m => db.HashGetAsync(redis.Keys.Account(m.Name!), "username")).ToArray();
        var list = new List<MemberRecord>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            var name = await names[i].ConfigureAwait(false);
            if (name.IsNull) continue;
            var (role, addedAt) = ReadMember(members[i].Value);
            list.Add(new MemberRecord(members[i].Name!, name!, role, addedAt));
        }
        return [.. list
            .OrderByDescending(m => string.Equals(m.Role, Owner, StringComparison.Ordinal))
            .ThenBy(m => m.AddedAt)
            .ThenBy(m => m.AccountId, StringComparer.Ordinal)];
    }

    public async Task<bool> AddMemberAsync(string workspaceId, string accountId, string role, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        if (!await db.HashSetAsync(redis.Keys.WorkspaceMembers(workspaceId), accountId, Member(role, addedAt), When.NotExists).ConfigureAwait(false))
            return false;
        await db.HashSetAsync(redis.Keys.AccountWorkspaces(accountId), workspaceId, addedAt.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RemoveMemberAsync(string workspaceId, string accountId, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        // The truth first: from here on the account is not a member on any node.
        var removed = await db.HashDeleteAsync(redis.Keys.WorkspaceMembers(workspaceId), accountId).ConfigureAwait(false);
        await db.HashDeleteAsync(redis.Keys.AccountWorkspaces(accountId), workspaceId).ConfigureAwait(false);
        return removed;
    }

    private async Task WriteWorkspaceAsync(IDatabase db, WorkspaceRecord workspace)
    {
        var keys = redis.Keys;
        var created = workspace.CreatedAt.ToUnixTimeMilliseconds();
        // Meta and members in one slot, in one step: a workspace never exists without its owner.
        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(keys.WorkspaceMeta(workspace.WorkspaceId),
        [
            new("name", workspace.Name),
            new("owner", workspace.OwnerAccountId),
            new("personal", workspace.Personal ? 1 : 0),
            new("createdAt", created),
        ]);
        _ = tx.HashSetAsync(keys.WorkspaceMembers(workspace.WorkspaceId), workspace.OwnerAccountId, Member(Owner, workspace.CreatedAt));
        await tx.ExecuteAsync().ConfigureAwait(false);
        await db.HashSetAsync(keys.AccountWorkspaces(workspace.OwnerAccountId), workspace.WorkspaceId, created).ConfigureAwait(false);
        await db.SetAddAsync(keys.AllWorkspaces, workspace.WorkspaceId).ConfigureAwait(false);
    }

    // Undoes a registration that lost a login claim. Nothing could reach it yet: no claim of its own pointed at it.
    private async Task ForgetAsync(IDatabase db, NewAccount account, bool releaseUsername)
    {
        var keys = redis.Keys;
        if (releaseUsername) await db.HashDeleteAsync(keys.Logins, UsernameField(account.Username)).ConfigureAwait(false);
        await db.SetRemoveAsync(keys.AllWorkspaces, account.WorkspaceId).ConfigureAwait(false);
        await db.KeyDeleteAsync([keys.WorkspaceMeta(account.WorkspaceId), keys.WorkspaceMembers(account.WorkspaceId)]).ConfigureAwait(false);
        await db.KeyDeleteAsync([keys.Account(account.AccountId), keys.AccountWorkspaces(account.AccountId)]).ConfigureAwait(false);
    }

    private static RedisValue Member(string role, DateTimeOffset addedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{role}\t{addedAt.ToUnixTimeMilliseconds()}");

    private static (string Role, DateTimeOffset AddedAt) ReadMember(RedisValue value)
    {
        var text = (string)value!;
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        return (text[..tab], DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text.AsSpan(tab + 1), CultureInfo.InvariantCulture)));
    }

    // Case-insensitive identity for usernames and emails, as in the SQLite store.
    private static RedisValue UsernameField(string username) => "u:" + username.Trim().ToUpperInvariant();

    private static RedisValue EmailField(string email) => "e:" + email.Trim().ToUpperInvariant();
}
