using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class WalCheckpointTests
{
    [Fact]
    public async Task Committed_changes_are_copied_into_the_database_file_in_the_background_while_the_hub_runs()
    {
        await using var hub = await HubHost.StartAsync(store: HubStore.Sqlite);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var body = TestMutations.Body("big", new Dictionary<string, object?> { ["description"] = new string('x', 16 * 1024) });
        for (var call = 0; call < 8; call++)
        {
            var batch = new Mutation[8];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = TestMutations.Create(session.WorkspaceId, EntityKinds.Collection, EntityIds.New(), null, body);
            }
            (await connection.MutateAsync(batch)).Should().OnlyContain(r => r.Status == MutationStatuses.Applied);
        }

        // 64 bodies of 16 KiB: about 1 MiB, which only the WAL holds until a checkpoint copies it into the file.
        // Commits never checkpoint (and 1 MiB is below SQLite's automatic threshold anyway), so this is the background checkpointer.
        var file = new FileInfo(Path.Combine(hub.DataDirectory, "synchub.db"));
        await TestWait.UntilAsync(() => { file.Refresh(); return file.Length > 1024 * 1024; }, "the changes to be copied into synchub.db");
    }
}
