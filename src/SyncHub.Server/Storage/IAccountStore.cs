namespace SyncHub.Server.Storage;

/// <summary>Accounts and their workspaces (devices are <see cref="IDeviceStore"/>'s). The SQLite store implements it; a Redis store follows the same contract.</summary>
public interface IAccountStore
{
    /// <summary>Creates an account with its personal workspace (the account is its owner). Returns null when the username or email is taken (case-insensitive).</summary>
    Task<AccountRecord?> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken);

    /// <summary>Finds an account by username or email, case-insensitive.</summary>
    Task<AccountRecord?> FindByLoginAsync(string login, CancellationToken cancellationToken);

    /// <summary>Finds an account by its id.</summary>
    Task<AccountRecord?> FindByIdAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Finds an account by its username only (case-insensitive), not by email.</summary>
    Task<AccountRecord?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    /// <summary>Whether the account is a member of the workspace (false for a workspace that does not exist).</summary>
    Task<bool> IsMemberAsync(string accountId, string workspaceId, CancellationToken cancellationToken);

    /// <summary>Every workspace the account belongs to, its personal one first, then the others by creation time.</summary>
    Task<IReadOnlyList<MembershipRecord>> GetMembershipsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The workspace, or null when it does not exist.</summary>
    Task<WorkspaceRecord?> FindWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Creates a (team) workspace with <see cref="WorkspaceRecord.OwnerAccountId"/> as its owner and first member.</summary>
    Task CreateWorkspaceAsync(WorkspaceRecord workspace, CancellationToken cancellationToken);

    /// <summary>The workspace's members, the owner first, then by when they joined.</summary>
    Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Adds the account as a member; false when it already is one.</summary>
    Task<bool> AddMemberAsync(string workspaceId, string accountId, string role, DateTimeOffset addedAt, CancellationToken cancellationToken);

    /// <summary>Removes the account's membership; false when it had none. Every later <see cref="IsMemberAsync"/> answers false.</summary>
    Task<bool> RemoveMemberAsync(string workspaceId, string accountId, CancellationToken cancellationToken);
}
