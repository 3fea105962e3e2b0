using MessagePack;

namespace SyncHub.Protocol;

/// <summary>
/// Hub to device (<see cref="HubMethods.SignOutRequested"/>): the device is being signed out from elsewhere. It should send
/// its outbox now, then call <see cref="HubMethods.AcknowledgeSignOut"/>; the hub waits briefly for that before it
/// revokes the token and closes the connection.
/// </summary>
[MessagePackObject]
public sealed class SignOutRequest
{
    /// <summary>The device that asked for the sign-out.</summary>
    [Key("requestedBy")] public string RequestedBy { get; set; } = string.Empty;

    /// <summary>Its name, for the message shown to the person.</summary>
    [Key("requestedByName")] public string RequestedByName { get; set; } = string.Empty;

    /// <summary>How long the hub waits for the acknowledgement, in milliseconds.</summary>
    [Key("graceMilliseconds")] public int GraceMilliseconds { get; set; }
}
