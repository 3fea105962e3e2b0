using MessagePack;
using SyncHub.Protocol.Http;

namespace SyncHub.Protocol;

/// <summary>Hub to device (<see cref="HubMethods.Presence"/>): the account's signed-in devices and which are online, sent whenever that changes.</summary>
[MessagePackObject]
public sealed class PresenceUpdate
{
    /// <summary>Every signed-in device of the account (<see cref="DeviceInfo.Current"/> is false here: each device knows its own id).</summary>
    [Key("devices")] public DeviceInfo[] Devices { get; set; } = [];
}
