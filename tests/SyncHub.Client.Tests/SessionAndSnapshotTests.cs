using System.Net;
using System.Net.Sockets;
using SyncHub.Client.Internal;
using SyncHub.Protocol;
using Xunit.Abstractions;

namespace SyncHub.Client.Tests;

/// <summary>Snapshot restore in the local store, renewal planning, and sign-out without a reachable hub.</summary>
public sealed class SessionAndSnapshotTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempProfile _profile = new();
    private readonly ITestOutputHelper _output;

    public SessionAndSnapshotTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _profile.Dispose();

    private static EntityState Entity(string id, string name, long version = 1, string kind = EntityKinds.Collection, string? parent = null) =>
        new() { EntityId = id, Kind = kind, ParentId = parent, Body = $$"""{"name":"{{name}}"}""", Version = version };

    private static Uri ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    [Fact]
    public void A_snapshot_replaces_the_synced_copy_keeps_pending_edits_and_sets_the_cursor()
    {
        using var store = LocalStore.Open(_profile.Directory);
        store.ApplyRemote("ws", [
            new Change { Seq = 1, Op = MutationOps.Create, Kind = EntityKinds.Collection, EntityId = "gone", Body = """{"name":"gone"}""", Version = 1 },
            new Change { Seq = 2, Op = MutationOps.Create, Kind = EntityKinds.Collection, EntityId = "kept", Body = """{"name":"old"}""", Version = 1 },
            new Change { Seq = 3, Op = MutationOps.Create, Kind = EntityKinds.Collection, EntityId = "edited", Body = """{"name":"base"}""", Version = 1 },
        ], new HashSet<long>());
        store.UpdateLocal("ws", "edited", """{"name":"mine"}""", "m1", DateTimeOffset.UnixEpoch, null);
        store.CreateLocal("ws", EntityKinds.Collection, "local-only", null, """{"name":"new"}""", "m2", DateTimeOffset.UnixEpoch, null);

        var changes = store.ApplySnapshot("ws", [Entity("kept", "new name", 4), Entity("edited", "theirs", 2), Entity("fresh", "fresh")], headSeq: 40);

        store.GetCursor("ws").Should().Be(40);
        var entities = store.GetEntities("ws").ToDictionary(e => e.Id);
        entities.Keys.Should().BeEquivalentTo(["kept", "edited", "fresh", "local-only"], "a deleted entity goes, pending ones stay");
        entities["kept"].Body.Should().Be("""{"name":"new name"}""");
        entities["kept"].Version.Should().Be(4);
        entities["edited"].Body.Should().Be("""{"name":"mine"}""", "the person keeps seeing their pending edit");
        entities["edited"].Version.Should().Be(2, "the hub copy under it is the snapshot's");
        store.GetEntityRow("ws", "edited")!.ServerBody.Should().Be("""{"name":"theirs"}""");
        store.GetOutbox("ws").Should().HaveCount(2);
        changes.Select(c => (c.EntityId, c.Op)).Should().BeEquivalentTo(new[]
        {
            ("kept", MutationOps.Update), ("fresh", MutationOps.Create), ("gone", MutationOps.Delete),
        });
    }

    [Fact]
    public void Ten_thousand_entities_restore_in_one_transaction()
    {
        using var store = LocalStore.Open(_profile.Directory);
        var entities = new List<EntityState>(10_000) { Entity("root", "root") };
        for (var i = 1; i < 10_000; i++)
            entities.Add(Entity($"r{i}", $"request {i}", kind: EntityKinds.Request, parent: "root"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        store.ApplySnapshot("ws", entities, headSeq: 10_000);
        _output.WriteLine($"Applied 10,000 entities in {watch.ElapsedMilliseconds} ms.");

        store.GetEntities("ws").Should().HaveCount(10_000);
        store.GetCursor("ws").Should().Be(10_000);
    }

    [Fact]
    public void Renewal_is_planned_at_half_the_tokens_lifetime()
    {
        var issued = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var session = new StoredSession(new Uri("http://hub/"), "a", "w", "d", "ada", "t", issued.AddDays(30), issued);
        session.RenewAt.Should().Be(issued.AddDays(15));
        (session with { ExpiresAt = null }).RenewAt.Should().BeNull("a token that never expires is never renewed");
        (session with { IssuedAt = null }).RenewAt.Should().Be(DateTimeOffset.MinValue, "a profile from before renewal renews at once");
        (session with { IssuedAt = issued.AddDays(31) }).RenewAt.Should().BeNull("a clock far off the hub's must not renew in a loop");
    }

    [Fact]
    public async Task Sign_out_with_an_unreachable_hub_refuses_with_the_count_and_force_saves_the_edits_to_a_file()
    {
        var server = ClosedPortUrl();
        using (var seed = LocalStore.Open(_profile.Directory))
            seed.SaveSession(new StoredSession(server, "acc", "ws1", "dev1", "ada", "secret-token", null));
        await using var client = await SyncClient.OpenAsync(new SyncClientOptions
        {
            ProfileDirectory = _profile.Directory,
            ReconnectPolicy = new ExponentialBackoffReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SignOutFlushTimeout = TimeSpan.FromMilliseconds(500),
        });
        var collection = await client.CreateAsync(EntityKinds.Collection, null, """{"name":"Unsent collection"}""");
        await client.UpdateAsync(collection, """{"name":"Unsent rename"}""");

        var refused = await FluentActions.Awaiting(() => client.SignOutAsync().WaitAsync(Timeout)).Should().ThrowAsync<SyncException>();
        refused.Which.Code.Should().Be(ErrorCodes.UnsentChanges);
        refused.Which.Message.Should().Contain("2 change(s)");
        client.Session.Should().NotBeNull("nothing is removed when the sign-out is refused");
        client.GetOutbox().Should().HaveCount(2);

        var result = await client.SignOutAsync(force: true).WaitAsync(Timeout);

        result.UnsentChanges.Should().Be(2);
        result.SavedTo.Should().NotBeNull();
        Path.GetDirectoryName(result.SavedTo).Should().Be(Path.GetFullPath(_profile.Directory));
        Path.GetFileName(result.SavedTo).Should().StartWith("unsent-").And.EndWith(".json");
        var saved = await File.ReadAllTextAsync(result.SavedTo!);
        saved.Should().Contain("Unsent collection").And.Contain("Unsent rename").And.NotContain("secret-token");
        client.Session.Should().BeNull();
        client.State.Should().Be(SyncState.Offline);
        client.GetEntities().Should().BeEmpty();
        using var store = LocalStore.Open(_profile.Directory);
        store.LoadSession().Should().BeNull();
        store.GetOutbox("ws1").Should().BeEmpty();
        store.GetCursor("ws1").Should().Be(0);
    }
}
