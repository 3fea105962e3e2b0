using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task A_change_acknowledged_just_before_a_SIGKILL_is_there_after_the_restart()
    {
        await using var hub = await HubProcess.StartAsync();
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var ws = session.WorkspaceId;
        MutationResult[] acked;
        await using (var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session))
        {
            acked = await connection.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateFolder(ws, "c", "f"));
            acked[^1].Status.Should().Be(MutationStatuses.Applied);
            hub.Kill();
        }
        hub.HasExited.Should().BeTrue();

        await hub.RestartAsync();

        await using var after = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var changes = await after.GetAllChangesAsync(ws);
        changes.Select(c => (c.Seq, c.EntityId)).Should().Equal((1L, "c"), (2L, "f"));
        (await after.MutateOneAsync(TestMutations.CreateCollection(ws))).Seq.Should().Be(3);
    }
}
