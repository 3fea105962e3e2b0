namespace SyncHub.Server.Storage;

/// <summary>Accounts, their workspaces and their signed-in devices. The SQLite store implements it; a Redis store follows the same contract.</summary>
public interface IAccountStore
{
    /// <summary>Creates an account with its personal workspace (the account is its owner). Returns null when the username or email is taken (case-insensitive).</summary>
    Task<AccountRecord?> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken);

    /// <summary>Finds an account by username or email, case-insensitive.</summary>
    Task<AccountRecord?> FindByLoginAsync(string login, CancellationToken cancellationToken);

    /// <summary>Finds an account by its id.</summary>
    Task<AccountRecord?> FindByIdAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores a new signed-in device with the SHA-256 hash of its token.</summary>
    Task CreateDeviceAsync(DeviceRecord device, CancellationToken cancellationToken);

    /// <summary>Finds the device whose token hashes to <paramref name="tokenHash"/>, whatever its expiry or revocation.</summary>
    Task<DeviceRecord?> FindDeviceByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Records that the device was seen at <paramref name="seenAt"/>.</summary>
    Task TouchDeviceAsync(string deviceId, DateTimeOffset seenAt, CancellationToken cancellationToken);

    /// <summary>Whether the account is a member of the workspace (false for a workspace that does not exist).</summary>
    Task<bool> IsMemberAsync(string accountId, string workspaceId, CancellationToken cancellationToken);
}
