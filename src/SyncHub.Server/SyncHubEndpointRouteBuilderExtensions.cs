using SyncHub.Protocol;
using SyncHub.Server.Accounts;
using SyncHub.Server.Devices;
using SyncHub.Server.Sessions;
using SyncHub.Server.Hubs;
using SyncHub.Server.Workspaces;

namespace SyncHub.Server;

/// <summary>Maps the hub's endpoints.</summary>
public static class SyncHubEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /api/accounts</c>, <c>/api/sessions</c> (sign-in, current session, renewal), <c>/api/devices</c>, <c>/api/workspaces</c> and the
    /// hub at <c>/hubs/sync</c>. The app must use authentication, authorization and the rate limiter
    /// (<c>UseRateLimiter</c>), as <see cref="SyncHubApplication.Create"/> does.
    /// </summary>
    public static IEndpointRouteBuilder MapSyncHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();
        endpoints.MapSessionEndpoints();
        endpoints.MapDeviceEndpoints();
        endpoints.MapWorkspaceEndpoints();
        endpoints.MapWorkspaceTransferEndpoints();
        // Checked once, when the connection is made (see the remarks on SyncHubEndpoint).
        endpoints.MapHub<SyncHubEndpoint>(HubRoutes.Hub).RequireAuthorization();
        return endpoints;
    }
}
