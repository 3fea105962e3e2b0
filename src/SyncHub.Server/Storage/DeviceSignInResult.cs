namespace SyncHub.Server.Storage;

/// <summary>What <see cref="IDeviceStore.SignInAsync"/> did.</summary>
public sealed record DeviceSignInResult(DeviceSignInStatus Status, IReadOnlyList<DeviceRecord> ActiveDevices)
{
    /// <summary>The device was stored (and the replaced one, if any, revoked).</summary>
    public static DeviceSignInResult SignedIn { get; } = new(DeviceSignInStatus.SignedIn, []);

    /// <summary>The device to replace is not an active device of the account; nothing changed.</summary>
    public static DeviceSignInResult ReplacedNotFound { get; } = new(DeviceSignInStatus.ReplacedNotFound, []);
}

/// <summary>Outcomes of a device sign-in.</summary>
public enum DeviceSignInStatus
{
    /// <summary>Stored.</summary>
    SignedIn,

    /// <summary>Refused: the account is at its device limit; <see cref="DeviceSignInResult.ActiveDevices"/> lists them.</summary>
    DeviceLimit,

    /// <summary>Refused: the device to replace is not an active device of the account.</summary>
    ReplacedNotFound,
}
