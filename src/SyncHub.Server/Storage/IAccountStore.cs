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


    /// <summary>Whether the account is a member of the workspace (false for a workspace that does not exist).</summary>
    Task<bool> IsMemberAsync(string accountId, string workspaceId, CancellationToken cancellationToken);
}
