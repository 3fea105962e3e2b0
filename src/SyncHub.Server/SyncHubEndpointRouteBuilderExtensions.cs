using SyncHub.Protocol;
using SyncHub.Server.Accounts;
using SyncHub.Server.Hubs;

namespace SyncHub.Server;

/// <summary>Maps the hub's endpoints.</summary>
public static class SyncHubEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST /api/accounts</c>, <c>POST /api/sessions</c> and the hub at <c>/hubs/sync</c>.</summary>
    public static IEndpointRouteBuilder MapSyncHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();
        // Checked once, when the connection is made (see the remarks on SyncHubEndpoint).
        endpoints.MapHub<SyncHubEndpoint>(HubRoutes.Hub).RequireAuthorization();
        return endpoints;
    }
}
