namespace SyncHub.Server.Health;

/// <summary>
/// The hub's health endpoints, mapped by <see cref="SyncHubEndpointRouteBuilderExtensions.MapSyncHub"/>.
/// <see cref="LivePath"/> runs no check: it answers 200 while the process serves requests. <see cref="ReadyPath"/> runs
/// every health check tagged <see cref="ReadyTag"/> and answers 503 with a JSON body naming the failed ones.
/// </summary>
/// <remarks>
/// A store adds its readiness check next to its own registrations, e.g.
/// <c>services.AddHealthChecks().AddCheck&lt;MyStoreCheck&gt;("mystore", tags: [SyncHubHealth.ReadyTag], timeout: SyncHubHealth.CheckTimeout)</c>.
/// The SQLite store registers one named <c>sqlite</c> (in <see cref="SyncHubServiceCollectionExtensions.AddSyncHub"/>); a
/// mode that does not use the SQLite file must take that registration out of <c>HealthCheckServiceOptions.Registrations</c>,
/// or readiness fails on a file it never creates.
/// </remarks>
public static class SyncHubHealth
{
    /// <summary>Liveness: 200 while the process runs; never touches the store.</summary>
    public const string LivePath = "/healthz";

    /// <summary>Readiness: 200 when every check tagged <see cref="ReadyTag"/> passes, else 503.</summary>
    public const string ReadyPath = "/readyz";

    /// <summary>The tag of the checks <see cref="ReadyPath"/> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long one readiness check may take before it counts as failed (load balancers probe every few seconds).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
}
