using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using SyncHub.Server.Health;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class HealthEndpointTests
{
    // The readiness check of the store the run's hubs are on.
    private static readonly string StoreCheck = HubStores.Current == HubStore.Redis ? "redis" : "sqlite";

    [Fact]
    public async Task Both_answer_200_without_a_token_and_readiness_names_the_store_check()
    {
        await using var hub = await HubHost.StartAsync();

        var (liveStatus, live) = await ProbeAsync(hub, SyncHubHealth.LivePath);
        var (readyStatus, ready) = await ProbeAsync(hub, SyncHubHealth.ReadyPath);

        liveStatus.Should().Be(HttpStatusCode.OK);
        live.GetProperty("status").GetString().Should().Be("healthy");
        live.GetProperty("checks").GetArrayLength().Should().Be(0, "liveness never touches the store");
        readyStatus.Should().Be(HttpStatusCode.OK);
        ready.GetProperty("status").GetString().Should().Be("healthy");
        var check = ready.GetProperty("checks").EnumerateArray().Should().ContainSingle().Subject;
        check.GetProperty("name").GetString().Should().Be(StoreCheck);
        check.GetProperty("status").GetString().Should().Be("healthy");
        using (var head = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Head, SyncHubHealth.ReadyPath, token: null))
            head.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var post = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, SyncHubHealth.LivePath, token: null))
            post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    [Trait("Store", "Sqlite")]
    public async Task Readiness_fails_with_503_naming_sqlite_while_the_data_directory_is_gone_and_liveness_stays_200()
    {
        var logs = new CapturingLoggerProvider();
        await using var hub = await HubHost.StartAsync(configure: builder => builder.Logging.AddProvider(logs), store: HubStore.Sqlite);
        var moved = hub.DataDirectory + "-moved";
        Directory.Move(hub.DataDirectory, moved);
        try
        {
            var (readyStatus, ready) = await ProbeAsync(hub, SyncHubHealth.ReadyPath);
            var (liveStatus, _) = await ProbeAsync(hub, SyncHubHealth.LivePath);

            readyStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
            ready.GetProperty("status").GetString().Should().Be("unhealthy");
            var check = ready.GetProperty("checks").EnumerateArray().Should().ContainSingle().Subject;
            check.GetProperty("name").GetString().Should().Be("sqlite");
            check.GetProperty("status").GetString().Should().Be("unhealthy");
            check.GetProperty("description").GetString().Should().Contain("SQLite store did not answer");
            liveStatus.Should().Be(HttpStatusCode.OK);
            Directory.Exists(hub.DataDirectory).Should().BeFalse("the check must not create the store anew");
            logs.Lines.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("HealthChecks", StringComparison.Ordinal) && l.Contains("sqlite", StringComparison.Ordinal),
                "a failing readiness check is logged");
        }
        finally
        {
            Directory.Move(moved, hub.DataDirectory);
        }

        (await ProbeAsync(hub, SyncHubHealth.ReadyPath)).Status.Should().Be(HttpStatusCode.OK, "the store answers again once its directory is back");
    }

    [Fact]
    public async Task A_store_adds_its_own_readiness_check_by_the_ready_tag_and_liveness_runs_none()
    {
        var storeUp = true;
        await using var hub = await HubHost.StartAsync(configure: builder => builder.Services.AddHealthChecks()
            .AddCheck("other-store", () => storeUp ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The other store is down."), tags: [SyncHubHealth.ReadyTag])
            .AddCheck("untagged", () => HealthCheckResult.Unhealthy("Not a readiness check.")));

        (await ProbeAsync(hub, SyncHubHealth.ReadyPath)).Status.Should().Be(HttpStatusCode.OK, "an untagged check is not part of readiness");
        storeUp = false;
        var (readyStatus, ready) = await ProbeAsync(hub, SyncHubHealth.ReadyPath);
        var (liveStatus, live) = await ProbeAsync(hub, SyncHubHealth.LivePath);

        readyStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
        var checks = ready.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks.Should().Equal(new Dictionary<string, string?> { [StoreCheck] = "healthy", ["other-store"] = "unhealthy" });
        liveStatus.Should().Be(HttpStatusCode.OK);
        live.GetProperty("checks").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Probes_are_not_rate_limited_and_not_logged_per_request()
    {
        var logs = new CapturingLoggerProvider();
        await using var hub = await HubHost.StartAsync(
            configure: builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.AddFilter(null, LogLevel.Information);
            },
            settings: new Dictionary<string, string?> { ["SyncHub:SignIn:PermitsPerAddress"] = "1", ["SyncHub:SignIn:Window"] = "01:00:00" });

        for (var i = 0; i < 20; i++)
        {
            (await ProbeAsync(hub, SyncHubHealth.LivePath)).Status.Should().Be(HttpStatusCode.OK);
            (await ProbeAsync(hub, SyncHubHealth.ReadyPath)).Status.Should().Be(HttpStatusCode.OK);
        }

        logs.Lines.Should().Contain(l => l.Contains("[1001]", StringComparison.Ordinal), "the capture sees the hub's Information events");
        // Scopes are recorded as they open, logged or not; only events count.
        var events = logs.Lines.Where(l => !l.Contains(" scope: ", StringComparison.Ordinal)).ToList();
        events.Should().NotContain(l => l.Contains("healthz", StringComparison.OrdinalIgnoreCase) || l.Contains("readyz", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ProbeAsync(HubHost hub, string path)
    {
        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, path, token: null);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }
}
