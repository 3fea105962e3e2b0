using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class SnapshotAndRetentionTests
{
    private static Task<HubHost> StartAsync(int retention = 100_000, int pageSize = 500) => HubHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["SyncHub:ChangeLogRetention"] = retention.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SyncHub:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task A_snapshot_streams_every_live_entity_in_pages_at_one_head_seq()
    {
        await using var hub = await StartAsync(pageSize: 3);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var ws = session.WorkspaceId;
        var collection = TestMutations.CreateCollection(ws, "c", "Root");
        await connection.MutateOneAsync(collection);
        for (var i = 0; i < 7; i++) await connection.MutateOneAsync(TestMutations.CreateRequest(ws, "c", $"r{i}", $"request {i}"));
        await connection.MutateOneAsync(TestMutations.Delete(ws, EntityKinds.Request, "r0", 1));
        await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r1", "c", TestMutations.Body("renamed"), 1));

        var pages = await connection.StreamSnapshotAsync(ws);

        pages.Should().HaveCount(3);
        pages.Should().OnlyContain(p => p.HeadSeq == 10 && p.WorkspaceId == ws && p.Entities.Length <= 3);
        pages.Select(p => p.IsLast).Should().Equal(false, false, true);
        var entities = pages.SelectMany(p => p.Entities).ToDictionary(e => e.EntityId);
        entities.Keys.Should().BeEquivalentTo(["c", "r1", "r2", "r3", "r4", "r5", "r6"], "a deleted entity is not in a snapshot");
        entities["r1"].Version.Should().Be(2);
        entities["r1"].Body.Should().Be(TestMutations.Body("renamed"));
        entities["r2"].ParentId.Should().Be("c");
        entities["c"].Kind.Should().Be(EntityKinds.Collection);
        entities.Values.Should().OnlyContain(e => !e.Deleted && e.Body != null);
    }

    [Fact]
    public async Task An_empty_workspace_has_one_last_page_at_head_zero()
    {
        await using var hub = await StartAsync();
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);

        var pages = await connection.StreamSnapshotAsync(session.WorkspaceId);

        pages.Should().ContainSingle().Which.Should().Match<EntityPage>(p => p.IsLast && p.HeadSeq == 0 && p.Entities.Length == 0);
    }

    [Fact]
    public async Task A_snapshot_taken_while_another_device_writes_plus_the_changes_after_its_head_equals_the_final_state()
    {
        await using var hub = await StartAsync(pageSize: 50);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var ws = session.WorkspaceId;
        await using var writer = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        await using var reader = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        await writer.MutateOneAsync(TestMutations.CreateCollection(ws, "c"));
        var versions = new Dictionary<string, long>();
        for (var i = 0; i < 100; i++)
        {
            await writer.MutateOneAsync(TestMutations.CreateRequest(ws, "c", $"r{i}"));
            versions[$"r{i}"] = 1;
        }

        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"r{i % 100}";
                var result = await writer.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, id, "c", TestMutations.Body($"v{i}"), versions[id]));
                versions[id] = result.Version;
            }
        });
        var snapshots = new List<List<EntityPage>>();
        for (var i = 0; i < 5; i++) snapshots.Add(await reader.StreamSnapshotAsync(ws));
        await stop.CancelAsync();
        await writing.WaitAsync(TestTimeouts.Default);

        var final = (await reader.StreamSnapshotAsync(ws)).SelectMany(p => p.Entities).ToDictionary(e => e.EntityId, e => (e.Version, e.Body));
        foreach (var pages in snapshots)
        {
            pages.Select(p => p.HeadSeq).Distinct().Should().ContainSingle();
            var state = pages.SelectMany(p => p.Entities).ToDictionary(e => e.EntityId, e => (e.Version, e.Body));
            foreach (var change in await reader.GetAllChangesAsync(ws, pages[0].HeadSeq))
                state[change.EntityId] = (change.Version, change.Body);
            state.Should().BeEquivalentTo(final);
        }
    }

    [Fact]
    public async Task The_change_log_keeps_the_newest_changes_and_older_cursors_get_snapshot_required()
    {
        await using var hub = await StartAsync(retention: 5);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var ws = session.WorkspaceId;
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var first = TestMutations.CreateCollection(ws, "c");
        var firstResult = await connection.MutateOneAsync(first);
        for (var i = 0; i < 29; i++) await connection.MutateOneAsync(TestMutations.CreateRequest(ws, "c", $"r{i}"));

        // Pruned in the background, a tenth over the limit at a time: after seq 30 at least through seq 24.
        await UntilSnapshotRequiredAsync(() => connection.GetChangesAsync(ws, 23, 10));

        await connection.GetChangesAsync(ws, 3, 10).ShouldFailWithCodeAsync(ErrorCodes.SnapshotRequired);
        await connection.StreamChangesAsync(ws, 0).ShouldFailWithCodeAsync(ErrorCodes.SnapshotRequired);
        var recent = await connection.GetAllChangesAsync(ws, 25);
        recent.Select(c => c.Seq).Should().Equal(26, 27, 28, 29, 30);
        (await connection.StreamChangesAsync(ws, 25)).SelectMany(p => p.Changes).Should().HaveCount(5);
        var snapshot = (await connection.StreamSnapshotAsync(ws)).SelectMany(p => p.Entities).ToList();
        snapshot.Should().HaveCount(30).And.OnlyContain(e => e.Body != null, "bodies of old entities outlive their changes");
        var resent = await connection.MutateOneAsync(first);
        resent.Should().BeEquivalentTo(firstResult, "a resent mutation gets its first result even when its change was pruned");
    }

    private static async Task UntilSnapshotRequiredAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (true)
        {
            try
            {
                await call();
            }
            catch (Microsoft.AspNetCore.SignalR.HubException ex) when (ex.Message.Contains(ErrorCodes.SnapshotRequired, StringComparison.Ordinal))
            {
                return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The change log was not pruned.");
            await Task.Delay(20);
        }
    }
}
