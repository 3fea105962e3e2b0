using Microsoft.Data.Sqlite;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.Tests;

/// <summary>The client against the real hub (in process, over loopback).</summary>
public sealed class SyncClientHubTests : IClassFixture<HubHostFixture>
{
    private readonly HubHostFixture _hub;

    public SyncClientHubTests(HubHostFixture hub)
    {
        _hub = hub;
    }

    private Uri Url => _hub.BaseUrl;

    [Fact]
    public async Task Starting_goes_connecting_then_online_syncing_then_in_sync_and_every_transition_is_raised()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var device = await TestDevice.SignInAsync(Url, account, start: false);
        await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Before start"));
        var seen = new List<SyncStatus>();
        device.Client.StatusChanged += (_, e) =>
        {
            lock (seen) seen.Add(e.Current);
        };

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();
        await device.Client.CreateAsync(EntityKinds.Collection, null, Named("While online"));
        await device.StatusAsync(s => s.Activity == SyncActivity.InSync && s.PendingChanges == 0 && device.Client.GetEntities().All(e => !e.HasPendingChanges), "in sync again");

        List<SyncStatus> snapshot;
        lock (seen) snapshot = [.. seen];
        var steps = snapshot.Select(s => (s.State, s.Activity)).ToList();
        steps.Should().ContainInOrder(
            (SyncState.Connecting, SyncActivity.None),
            (SyncState.Online, SyncActivity.Syncing),
            (SyncState.Online, SyncActivity.InSync),
            (SyncState.Online, SyncActivity.Syncing),
            (SyncState.Online, SyncActivity.InSync));
        snapshot.Select(s => s.PendingChanges).Should().Contain([1, 0]);
        snapshot.Zip(snapshot.Skip(1)).Should().OnlyContain(p => p.First.State != p.Second.State || p.First.Activity != p.Second.Activity
            || p.First.PendingChanges != p.Second.PendingChanges || p.First.ErrorCode != p.Second.ErrorCode
            || p.First.Conflicts != p.Second.Conflicts || p.First.FailedChanges != p.Second.FailedChanges, "an event is raised only for a visible change");
    }

    [Fact]
    public async Task Edits_of_one_entity_on_two_devices_from_the_same_version_become_a_conflict_showing_the_hubs_version()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var a = await TestDevice.SignInAsync(Url, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        var id = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("v1"));
        await b.UntilAsync(c => c.GetEntity(id) is not null, "B to see v1");
        await b.Client.StopAsync().WaitAsync(TestTimeouts.Default);

        await a.Client.UpdateAsync(id, Named("A's edit"));
        await a.InSyncAsync();
        await b.Client.UpdateAsync(id, Named("B's edit"));
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        var conflict = b.Client.GetConflicts().Should().ContainSingle().Subject;
        conflict.EntityId.Should().Be(id);
        conflict.MineBody.Should().Be(Named("B's edit"));
        conflict.BaseVersion.Should().Be(1);
        conflict.Theirs!.Body.Should().Be(Named("A's edit"));
        conflict.Theirs.Version.Should().Be(2);
        b.Client.GetEntity(id)!.Body.Should().Be(Named("A's edit"));
        b.Client.Status.Conflicts.Should().Be(1);
        a.Client.GetEntity(id)!.Body.Should().Be(Named("A's edit"), "nothing was overwritten");
    }

    [Fact]
    public async Task Pushed_changes_raise_remote_entity_events()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var a = await TestDevice.SignInAsync(Url, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        await b.InSyncAsync();
        var remote = new TaskCompletionSource<EntitiesChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Client.EntitiesChanged += (_, e) =>
        {
            if (e.Remote && e.Changes.Count > 0) remote.TrySetResult(e);
        };

        var id = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("pushed"));

        var args = await remote.Task.WaitAsync(TestTimeouts.Default);
        args.WorkspaceId.Should().Be(account.WorkspaceId);
        args.Changes.Should().ContainSingle(c => c.EntityId == id && c.Seq > 0);
    }

    [Fact]
    public async Task Reload_fetches_everything_again_and_keeps_pending_edits()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var a = await TestDevice.SignInAsync(Url, account, deviceName: "a");
        var first = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("one"));
        var second = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("two"));
        await a.InSyncAsync();

        await using var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        await b.UntilAsync(c => c.GetEntities().Count == 2, "B to catch up");
        await b.Client.StopAsync().WaitAsync(TestTimeouts.Default);
        // Damage B's copy behind its back: one entity gone.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(b.ProfileDirectory, "synchub.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "DELETE FROM entities WHERE id = $id";
            command.Parameters.AddWithValue("$id", first);
            command.ExecuteNonQuery().Should().Be(1);
        }
        var pending = await b.Client.CreateAsync(EntityKinds.Collection, null, Named("pending"));
        b.Client.GetEntity(first).Should().BeNull();

        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.Client.ReloadAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        b.Client.GetEntities().Select(e => e.Id).Should().BeEquivalentTo([first, second, pending]);
        b.Client.GetEntity(pending)!.Version.Should().Be(1);
    }

    [Fact]
    public async Task Sign_out_wipes_the_accounts_local_data_and_a_new_sign_in_catches_up()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var device = await TestDevice.SignInAsync(Url, account);
        var id = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("synced"));
        await device.InSyncAsync();

        await device.Client.SignOutAsync().WaitAsync(TestTimeouts.Default);

        device.Client.Session.Should().BeNull();
        device.Client.State.Should().Be(SyncState.Offline);
        device.Client.GetEntities().Should().BeEmpty();
        device.Client.GetOutbox().Should().BeEmpty();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(device.ProfileDirectory, "synchub.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM session) + (SELECT COUNT(*) FROM entities) + (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM cursors)";
            command.ExecuteScalar().Should().Be(0L);
        }

        await device.Client.SignInAsync(account.Username, account.Password).WaitAsync(TestTimeouts.Default);
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.UntilAsync(c => c.GetEntity(id) is not null, "the data to come back from the hub");
    }

    [Fact]
    public async Task Batches_respect_the_hubs_limit_and_logs_never_carry_the_token()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxBatchSize"] = "5" });
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        using var logs = new CapturingLoggerProvider();
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false, configure: o => o.LoggerFactory = logs);
        for (var i = 0; i < 23; i++)
        {
            await device.Client.CreateAsync(EntityKinds.Collection, null, Named($"c{i}"));
        }

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        device.Client.GetEntities().Should().HaveCount(23).And.OnlyContain(e => e.Version == 1);
        logs.Lines.Should().NotContain(l => l.Id.Id == 10, "no batch was refused for its size");
        logs.Lines.Should().Contain(l => l.Id.Id == 1, "transitions are logged");
        var token = new SqliteConnectionStringBuilder { DataSource = Path.Combine(device.ProfileDirectory, "synchub.db"), Pooling = false }.ToString();
        using var db = new SqliteConnection(token);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT token FROM session";
        var secret = (string)command.ExecuteScalar()!;
        logs.Lines.Should().NotContain(l => l.Text.Contains(secret, StringComparison.Ordinal));
        device.Client.Session!.ToString().Should().NotContain(secret);
    }

    [Fact]
    public async Task An_edit_written_by_another_process_on_the_same_profile_is_sent_by_the_running_engine()
    {
        var account = await TestAccounts.CreateAsync(Url);
        await using var watcher = await TestDevice.SignInAsync(Url, account, deviceName: "watch");
        await watcher.InSyncAsync();

        // Like `synchub add` next to `synchub watch`: a second client on the same profile, never started.
        string id;
        await using (var adder = await SyncClient.OpenAsync(TestDevice.Options(Url, watcher.ProfileDirectory)).WaitAsync(TestTimeouts.Default))
        {
            id = await adder.CreateAsync(EntityKinds.Collection, null, Named("added elsewhere"));
        }

        await using var other = await TestDevice.SignInAsync(Url, account, deviceName: "other");
        await other.UntilAsync(c => c.GetEntity(id) is not null, "the running engine to send the other process's edit");
    }
}
