using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client;

/// <summary>
/// Sign-in refused because the account already has <see cref="MaxDevices"/> devices signed in (code <c>device_limit</c>).
/// <see cref="Devices"/> lists them; sign in again with <c>replaceDeviceId</c> set to one of them to sign it out in the same step.
/// </summary>
public sealed class DeviceLimitException : SyncException
{
    /// <summary>Creates the exception with a default message and no devices.</summary>
    public DeviceLimitException() : this("This account has the maximum number of devices signed in.") { }

    /// <summary>Creates the exception with a message and no devices.</summary>
    public DeviceLimitException(string message) : this(message, 0, []) { }

    /// <summary>Creates the exception with a message, no devices, and the cause.</summary>
    public DeviceLimitException(string message, Exception innerException) : base(ErrorCodes.DeviceLimit, message, innerException)
    {
        Devices = [];
    }

    /// <summary>Creates the exception from the hub's answer.</summary>
    public DeviceLimitException(string message, int maxDevices, IReadOnlyList<DeviceInfo> devices) : base(ErrorCodes.DeviceLimit, message)
    {
        ArgumentNullException.ThrowIfNull(devices);
        MaxDevices = maxDevices;
        Devices = devices;
    }

    /// <summary>How many devices the account may have signed in at once.</summary>
    public int MaxDevices { get; }

    /// <summary>The devices signed in now (id, name, last seen, online).</summary>
    public IReadOnlyList<DeviceInfo> Devices { get; }
}
