using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SyncHub.Protocol;
using SyncHub.Server.Accounts;
using SyncHub.Server.Devices;
using SyncHub.Server.Health;
using SyncHub.Server.Sessions;
using SyncHub.Server.Hubs;
using SyncHub.Server.Workspaces;

namespace SyncHub.Server;

/// <summary>Maps the hub's endpoints.</summary>
public static class SyncHubEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /api/accounts</c>, <c>/api/sessions</c> (sign-in, current session, renewal), <c>/api/devices</c>, <c>/api/workspaces</c> and the
    /// hub at <c>/hubs/sync</c>, and the health endpoints <c>/healthz</c> and <c>/readyz</c> (see <see cref="SyncHubHealth"/>). The app must use authentication, authorization and the rate limiter
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
        MapHealth(endpoints, SyncHubHealth.LivePath, _ => false);
        MapHealth(endpoints, SyncHubHealth.ReadyPath, check => check.Tags.Contains(SyncHubHealth.ReadyTag));
        return endpoints;
    }

    // Probes come every few seconds from load balancers and orchestrators: anonymous, never rate-limited (a refused
    // probe would take the node out of service), and GET/HEAD only.
    private static void MapHealth(IEndpointRouteBuilder endpoints, string path, Func<HealthCheckRegistration, bool> predicate)
    {
        endpoints.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate, ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous()
            .DisableRateLimiting();
    }
}
