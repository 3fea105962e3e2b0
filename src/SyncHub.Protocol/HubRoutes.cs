namespace SyncHub.Protocol;

/// <summary>HTTP paths of the hub.</summary>
public static class HubRoutes
{
    /// <summary>The SignalR hub endpoint.</summary>
    public const string Hub = "/hubs/sync";

    /// <summary><c>POST</c> creates an account.</summary>
    public const string Accounts = "/api/accounts";

    /// <summary><c>POST</c> signs in a device and returns a token.</summary>
    public const string Sessions = "/api/sessions";

    /// <summary><c>GET</c> tells whether the bearer token works and, when not, why; <c>DELETE</c> signs this device out (revokes its token).</summary>
    public const string CurrentSession = "/api/sessions/current";

    /// <summary><c>POST</c> with the bearer token: a new token with a new expiry; the old one stops working.</summary>
    public const string RenewSession = "/api/sessions/current/renew";

    /// <summary><c>GET</c> lists the account's signed-in devices; <c>DELETE /api/devices/{id}</c> signs one out.</summary>
    public const string Devices = "/api/devices";
}
