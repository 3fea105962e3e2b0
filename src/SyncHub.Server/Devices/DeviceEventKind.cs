namespace SyncHub.Server.Devices;

/// <summary>What a <see cref="DeviceEvent"/> asks every node to do with the connections it holds.</summary>
internal enum DeviceEventKind
{
    /// <summary>Send the device <c>SignOutRequested</c> and wait up to the grace for its acknowledgement.</summary>
    SignOutRequested,

    /// <summary>The device was signed out: refuse its invocations and close its connections.</summary>
    Revoked,

    /// <summary>The device renewed its token: its connections live until the new expiry.</summary>
    Renewed,

    /// <summary>The account left a workspace: its connections stop receiving the workspace's changes.</summary>
    LeftWorkspace,
}
