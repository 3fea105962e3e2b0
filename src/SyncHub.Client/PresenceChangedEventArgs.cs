using SyncHub.Protocol.Http;

namespace SyncHub.Client;

/// <summary>Data of <see cref="SyncClient.PresenceChanged"/>: the account's signed-in devices and which are online.</summary>
public sealed class PresenceChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public PresenceChangedEventArgs(IReadOnlyList<DeviceInfo> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        Devices = devices;
    }

    /// <summary>Every signed-in device of the account; <see cref="DeviceInfo.Current"/> marks this one.</summary>
    public IReadOnlyList<DeviceInfo> Devices { get; }
}
