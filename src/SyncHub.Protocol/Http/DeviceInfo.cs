using MessagePack;

namespace SyncHub.Protocol.Http;

/// <summary>A signed-in device of an account, as <c>GET /api/devices</c>, <c>device_limit</c> answers and presence pushes show it.</summary>
[MessagePackObject]
public sealed class DeviceInfo
{
    /// <summary>The device's id.</summary>
    [Key("deviceId")] public string DeviceId { get; set; } = string.Empty;

    /// <summary>The name given at sign-in.</summary>
    [Key("name")] public string Name { get; set; } = string.Empty;

    /// <summary>When it signed in (Unix milliseconds).</summary>
    [Key("signedInAt")] public long SignedInAt { get; set; }

    /// <summary>When the hub last heard from it (Unix milliseconds).</summary>
    [Key("lastSeenAt")] public long LastSeenAt { get; set; }

    /// <summary>Whether it has a live hub connection now.</summary>
    [Key("online")] public bool Online { get; set; }

    /// <summary>Whether this is the device that asked.</summary>
    [Key("current")] public bool Current { get; set; }
}
