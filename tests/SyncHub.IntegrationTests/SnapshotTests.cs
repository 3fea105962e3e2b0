using Microsoft.Data.Sqlite;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

/// <summary>Restoring from snapshots: a fresh sign-in, a reload, and a cursor older than the hub's retained change log.</summary>
public sealed class SnapshotTests
{
    private static Dictionary<string, string?> Retention(int changes) => new() { ["SyncHub:ChangeLogRetention"] = changes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static IEnumerable<(string Id, string? Parent, string Body, long Version)> Shape(SyncClient client) =>
        client.GetEntities().Select(e => (e.Id, e.ParentId, e.Body, e.Version)).OrderBy(e => e.Id, StringComparer.Ordinal);

    [Fact]
    public async Task A_new_device_restores_the_workspace_while_another_keeps_writing_and_nothing_slips_between()
    {
        await using var hub = await HubHost.StartAsync(settings: Retention(100));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var writer = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "writer");
        var collection = await writer.Client.CreateAsync(EntityKinds.Collection, null, Named("Big"));
        var requests = new List<string>();
        for (var i = 0; i < 400; i++)
            requests.Add(await writer.Client.CreateAsync(EntityKinds.Request, collection, Request($"r{i}")));
        await writer.InSyncAsync(TimeSpan.FromSeconds(60));

        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await writer.Client.UpdateAsync(requests[i % requests.Count], Request($"r{i % requests.Count} v{i}"));
                if (i % 3 == 0) await writer.Client.CreateAsync(EntityKinds.Request, collection, Request($"during {i}"));
                await Task.Delay(5);
            }
        });

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
        await fresh.InSyncAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(300); // keep writing a little after the snapshot
        await stop.CancelAsync();
        await writing.WaitAsync(TestTimeouts.Default);

        await writer.InSyncAsync(TimeSpan.FromSeconds(60));
        await fresh.UntilAsync(c => Shape(c).SequenceEqual(Shape(writer.Client)), "the new device to equal the writer (and so the hub)", TimeSpan.FromSeconds(60));
        fresh.Client.GetEntities().Count.Should().BeGreaterThan(401);
    }

    [Fact]
    public async Task A_device_whose_cursor_is_older_than_the_change_log_gets_a_snapshot_and_ends_equal()
    {
        await using var hub = await HubHost.StartAsync(settings: Retention(10));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");
        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Shared"));
        var ids = new List<string>();
        for (var i = 0; i < 10; i++) ids.Add(await a.Client.CreateAsync(EntityKinds.Request, collection, Request($"r{i}")));
        await a.InSyncAsync();
        await b.UntilAsync(c => Shape(c).SequenceEqual(Shape(a.Client)), "b to catch up before it stops");
        await b.Client.StopAsync().WaitAsync(TestTimeouts.Default);

        for (var i = 0; i < 20; i++) await a.Client.CreateAsync(EntityKinds.Request, collection, Request($"new {i}"));
        for (var i = 0; i < 5; i++) await a.Client.DeleteAsync(ids[i]);
        for (var i = 5; i < 10; i++)
        {
            await a.Client.UpdateAsync(ids[i], Request($"r{i} edited"));
            await a.InSyncAsync();
            await a.Client.UpdateAsync(ids[i], Request($"r{i} edited twice"));
        }
        await a.InSyncAsync();

        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();
        await b.UntilAsync(c => Shape(c).SequenceEqual(Shape(a.Client)), "b to equal a after a snapshot");
    }

    [Fact]
    public async Task Reload_fetches_the_newest_state_through_a_snapshot()
    {
        await using var hub = await HubHost.StartAsync(settings: Retention(10));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");
        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Shared"));
        for (var i = 0; i < 30; i++) await a.Client.CreateAsync(EntityKinds.Request, collection, Request($"r{i}"));
        await a.InSyncAsync();
        await b.UntilAsync(c => Shape(c).SequenceEqual(Shape(a.Client)), "b to catch up");

        // Damage b's local copy behind its back; only a full fetch repairs it.
        await b.Client.StopAsync().WaitAsync(TestTimeouts.Default);
        using (var db = new SqliteConnection($"Data Source={Path.Combine(b.ProfileDirectory, "synchub.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "DELETE FROM entities WHERE id IN (SELECT id FROM entities WHERE kind = 'request' LIMIT 3); UPDATE entities SET body = '{\"name\":\"damaged\"}' WHERE kind = 'collection'";
            command.ExecuteNonQuery();
        }
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();
        Shape(b.Client).Should().NotEqual(Shape(a.Client));

        await b.Client.ReloadAsync().WaitAsync(TestTimeouts.Default);

        Shape(b.Client).Should().Equal(Shape(a.Client));
    }
}
