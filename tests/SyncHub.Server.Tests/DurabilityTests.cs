using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class DurabilityTests
{
    [Fact]
    public async Task A_restart_on_the_same_data_directory_keeps_accounts_tokens_changes_and_idempotency()
    {
        await using var hub = await HubHost.StartAsync(store: HubStore.Sqlite);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var ws = session.WorkspaceId;
        var create = TestMutations.CreateCollection(ws, "c", "kept");
        List<Change> before;
        await using (var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session))
        {
            await connection.MutateAsync(create, TestMutations.CreateFolder(ws, "c", "f"), TestMutations.Update(ws, EntityKinds.Collection, "c", null, TestMutations.Body("renamed"), 1));
            before = await connection.GetAllChangesAsync(ws);
        }

        await hub.RestartAsync();

        await using var after = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        (await after.SubscribeAsync(ws)).Workspaces.Single().HeadSeq.Should().Be(3);
        (await after.GetAllChangesAsync(ws)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        (await after.MutateOneAsync(create)).Should().BeEquivalentTo(new { Status = MutationStatuses.Applied, Seq = 1L, Version = 1L });
        (await after.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Collection, "c", null, TestMutations.Body("again"), 1))).Current!.Version.Should().Be(2);
        (await after.MutateOneAsync(TestMutations.CreateCollection(ws))).Seq.Should().Be(4);
        (await TestAccounts.SignInAsync(hub.BaseUrl, session)).AccountId.Should().Be(session.AccountId);
        File.Exists(Path.Combine(hub.DataDirectory, "synchub.db")).Should().BeTrue();
    }
}
