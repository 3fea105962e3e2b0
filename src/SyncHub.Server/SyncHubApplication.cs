namespace SyncHub.Server;

/// <summary>Builds the hub app; used by Program, by tests that host it in-process, and by benchmarks.</summary>
public static class SyncHubApplication
{
    /// <summary>Where the hub listens unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or the HTTP(S) ports settings say otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Creates the hub from command-line <paramref name="args"/>. <paramref name="configure"/> runs after the
    /// hub's services are added, so it may add configuration or replace services (the last registration wins).
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Per-request logs carry query strings, where WebSocket clients put their token: keep them out by default.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The request line is logged with its query string; keep it out even when Microsoft.AspNetCore is turned up.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSyncHub(builder.Configuration);
        configure?.Invoke(builder);

        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var app = builder.Build();
        app.UseMiddleware<Internal.StoreUnavailableMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapSyncHub();
        return app;
    }
}
