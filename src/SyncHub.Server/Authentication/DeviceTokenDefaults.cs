namespace SyncHub.Server.Authentication;

/// <summary>Names of the device-token authentication scheme.</summary>
public static class DeviceTokenDefaults
{
    /// <summary>The scheme's name.</summary>
    public const string AuthenticationScheme = "SyncHubDeviceToken";

    /// <summary>The query parameter WebSockets and browsers put the token in.</summary>
    public const string QueryParameter = "access_token";
}
