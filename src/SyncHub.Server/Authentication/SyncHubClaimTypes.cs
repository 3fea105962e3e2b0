namespace SyncHub.Server.Authentication;

/// <summary>Claims of an authenticated device.</summary>
public static class SyncHubClaimTypes
{
    /// <summary>The account the device is signed in to.</summary>
    public const string AccountId = "synchub:account_id";

    /// <summary>The device.</summary>
    public const string DeviceId = "synchub:device_id";

    /// <summary>When the device's token expires (Unix milliseconds), as read at authentication.</summary>
    public const string ExpiresAt = "synchub:expires_at";
}
