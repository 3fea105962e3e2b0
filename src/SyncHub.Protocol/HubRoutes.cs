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
}
