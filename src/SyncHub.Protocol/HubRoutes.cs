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

    /// <summary>
    /// <c>GET</c> lists the account's workspaces; <c>POST</c> creates a team workspace. Under it:
    /// <c>GET /api/workspaces/{id}/members</c>, <c>POST /api/workspaces/{id}/members</c> (owner only) and
    /// <c>DELETE /api/workspaces/{id}/members/{accountId}</c> (the owner removes anyone else; a member removes themselves).
    /// </summary>
    public const string Workspaces = "/api/workspaces";

    /// <summary>
    /// <c>GET</c> exports a workspace in Postman's formats: a data dump by default (<c>?content=collections</c> or
    /// <c>environments</c> for one part), one collection as v2.1.0 with <c>?collection={id}</c>, one environment with
    /// <c>?environment={id}</c>, the global variables with <c>?globals=true</c>.
    /// </summary>
    public static string Export(string workspaceId) => $"{Workspaces}/{Uri.EscapeDataString(workspaceId)}/export";

    /// <summary><c>POST</c> a Postman file (collection, environment, globals or data dump) as the body: all of it is imported, or none.</summary>
    public static string Import(string workspaceId) => $"{Workspaces}/{Uri.EscapeDataString(workspaceId)}/import";
}
