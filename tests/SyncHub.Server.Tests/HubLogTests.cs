using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class HubLogTests
{
    [Fact]
    public async Task The_hub_logs_its_store_at_start_and_connections_and_refusals_at_debug_with_stable_ids()
    {
        var logs = new CapturingLoggerProvider();
        await using var hub = await HubHost.StartAsync(configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter("SyncHub", LogLevel.Debug);
        });
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var ws = session.WorkspaceId;

        await using (var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session))
        {
            await connection.MutateOneAsync(TestMutations.Create(ws, "spaceship", "s", null, TestMutations.Body("Nope")));
            await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Collection, "missing", null, TestMutations.Body("Gone"), 1));
        }
        await TestWait.UntilAsync(() => logs.Lines.Any(l => l.Contains("[1204]", StringComparison.Ordinal)), "the connection's close in the log");

        string[] Events(int id) => [.. logs.Lines.Where(l => l.Contains($"[{id}]", StringComparison.Ordinal))];
        var started = Events(1001).Should().ContainSingle().Which;
        started.Should().StartWith("Information");
        if (hub.Store == HubStore.Sqlite)
            started.Should().Contain("StoreKind=sqlite").And.Contain($"Location={hub.DataDirectory}");
        else
            started.Should().Contain("StoreKind=redis").And.Contain(hub.RedisConfiguration!).And.Contain(hub.RedisPrefix);
        Events(1203).Should().ContainSingle().Which.Should().StartWith("Debug").And.Contain($"DeviceId={session.DeviceId}");
        Events(1204).Should().ContainSingle().Which.Should().StartWith("Debug").And.Contain("WasLast=True");
        var refused = Events(1405);
        refused.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("Debug", StringComparison.Ordinal));
        refused[0].Should().Contain($"Code={ErrorCodes.UnknownKind}");
        refused[1].Should().Contain("Code=").And.Contain("MutationId=");
        logs.Lines.Should().NotContain(l => l.Contains(session.Token, StringComparison.Ordinal));
    }
}
