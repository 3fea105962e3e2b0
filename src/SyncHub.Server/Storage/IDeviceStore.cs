namespace SyncHub.Server.Storage;

/// <summary>
/// The signed-in devices of accounts: sign-in under the device limit, listing, revocation and renewal. The SQLite store
/// implements it; a Redis store follows the same contract. Only SHA-256 hashes of tokens are ever stored.
/// </summary>
public interface IDeviceStore
{
    /// <summary>
    /// Stores <paramref name="device"/> unless the account already has <paramref name="maxDevices"/> active devices, in one
    /// atomic step, so that concurrent sign-ins cannot both pass the limit. With <paramref name="replaceDeviceId"/>, that
    /// device (an active device of the same account) is revoked in the same step, by the new device.
    /// </summary>
    Task<DeviceSignInResult> SignInAsync(DeviceRecord device, int maxDevices, string? replaceDeviceId, CancellationToken cancellationToken);

    /// <summary>The account's devices that are active at <paramref name="now"/>, oldest sign-in first.</summary>
    Task<IReadOnlyList<DeviceRecord>> GetActiveDevicesAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The device with this id, whatever its state; null when there is none.</summary>
    Task<DeviceRecord?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>The device whose token hashes to <paramref name="tokenHash"/>, whatever its state; null when there is none.</summary>
    Task<DeviceRecord?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Revokes an active device (<paramref name="revokedBy"/>: the device that asked, null for itself). False when it was not active.</summary>
    Task<bool> RevokeAsync(string deviceId, string? revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the token of an active device whose token hashes to <paramref name="currentTokenHash"/> and sets its new
    /// expiry. False when the device is no longer active or its token changed meanwhile.
    /// </summary>
    Task<bool> RenewAsync(string deviceId, byte[] currentTokenHash, byte[] newTokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records that the device was seen at <paramref name="seenAt"/>.</summary>
    Task TouchAsync(string deviceId, DateTimeOffset seenAt, CancellationToken cancellationToken);
}
