using Microsoft.Data.Sqlite;
using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client.Tests;

/// <summary>The Scratch Pad and CreateManyAsync without a hub: the entity API on a local-only workspace, all-or-nothing bulk creates.</summary>
public sealed class ScratchPadTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempProfile _profile = new();

    public void Dispose() => _profile.Dispose();

    private SyncClientOptions Options() => new()
    {
        ProfileDirectory = _profile.Directory,
        // Nothing listens there: these tests never connect.
        ServerUrl = new Uri("http://127.0.0.1:9/"),
    };

    private Task<SyncClient> OpenAsync() => SyncClient.OpenAsync(Options()).WaitAsync(Timeout);

    private void SeedSession()
    {
        using var store = LocalStore.Open(_profile.Directory);
        store.SaveSession(new StoredSession(new Uri("http://127.0.0.1:9/"), "acc", "ws1", "dev1", "ada", "token", null));
    }

    private long Count(string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_profile.Directory, LocalStore.FileName)};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static string Named(string name) => $$"""{"name":"{{name}}"}""";

    private static string NameOf(LocalEntity entity) => System.Text.Json.JsonDocument.Parse(entity.Body).RootElement.GetProperty("name").GetString()!;

    [Fact]
    public async Task Signed_out_the_scratch_pad_is_active_and_start_is_refused_with_unauthorized()
    {
        await using var client = await OpenAsync();

        client.ActiveWorkspaceId.Should().Be(SyncClient.ScratchPadId);
        client.IsInScratchPad.Should().BeTrue();
        var id = await client.CreateAsync(EntityKinds.Collection, null, Named("local"));
        client.GetEntity(id)!.WorkspaceId.Should().Be(SyncClient.ScratchPadId);
        (await FluentActions.Awaiting(() => client.StartAsync()).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Every_kind_is_created_edited_moved_and_deleted_in_the_scratch_pad_with_nothing_queued()
    {
        SeedSession();
        await using var client = await OpenAsync();
        client.IsInScratchPad.Should().BeFalse("signed in, the personal workspace is active until the Scratch Pad is chosen");
        client.EnterScratchPad();
        client.IsInScratchPad.Should().BeTrue();
        var events = new List<EntitiesChangedEventArgs>();
        client.EntitiesChanged += (_, e) => events.Add(e);

        var collection = await client.CreateAsync(EntityKinds.Collection, null, Named("API"));
        var other = await client.CreateAsync(EntityKinds.Collection, null, Named("Other"));
        var folder = await client.CreateAsync(EntityKinds.Folder, collection, Named("Folder"));
        var request = await client.CreateAsync(EntityKinds.Request, folder, """{"name":"List","method":"GET","url":"https://example.test/"}""");
        var second = await client.CreateAsync(EntityKinds.Request, folder, """{"name":"Get","method":"GET","url":"https://example.test/1"}""");
        var response = await client.CreateAsync(EntityKinds.Response, request, Named("OK"));
        var run = await client.CreateAsync(EntityKinds.CollectionRun, collection, """{"startedAt":0}""");
        var environment = await client.CreateAsync(EntityKinds.Environment, null, Named("Staging"));
        var variable = await client.CreateAsync(EntityKinds.EnvironmentVariable, environment, """{"key":"token","value":"x"}""");
        await client.CreateAsync(EntityKinds.GlobalVariable, null, """{"key":"region","value":"eu"}""");
        await client.CreateAsync(EntityKinds.HeaderPreset, null, Named("JSON"));

        // The same rules as a synced workspace.
        (await FluentActions.Awaiting(() => client.CreateAsync(EntityKinds.Response, folder, Named("bad"))).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.InvalidParent);
        (await FluentActions.Awaiting(() => client.CreateAsync("widget", null, Named("bad"))).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.UnknownKind);
        (await FluentActions.Awaiting(() => client.MoveAsync(collection, folder)).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.InvalidParent);

        client.GetChildren(folder).Select(e => e.Id).Should().Equal(request, second);
        await client.MoveAsync(second, folder, EntityPosition.Before(request));
        client.GetChildren(folder).Select(e => e.Id).Should().Equal(second, request);
        await client.MoveAsync(request, other);
        client.GetEntity(request)!.ParentId.Should().Be(other);
        await client.UpdateAsync(variable, """{"key":"apiToken","value":"y"}""");
        client.GetEntity(variable)!.Body.Should().Be("""{"key":"apiToken","value":"y"}""");

        await client.DeleteAsync(collection);
        client.GetEntity(collection).Should().BeNull();
        client.GetEntity(folder).Should().BeNull();
        client.GetEntity(second).Should().BeNull();
        client.GetEntity(run).Should().BeNull();
        client.GetEntity(response).Should().NotBeNull("it moved out with its request");
        await client.DeleteAsync(environment);
        client.GetEntity(variable).Should().BeNull();

        client.GetEntities().Should().HaveCount(5).And.Contain(e => e.Id == other).And.Contain(e => e.Id == request).And.Contain(e => e.Id == response);
        client.GetOutbox().Should().BeEmpty();
        client.Status.PendingChanges.Should().Be(0);
        Count("SELECT COUNT(*) FROM outbox").Should().Be(0, "nothing of the Scratch Pad is queued for the hub");
        Count("SELECT COUNT(*) FROM entities WHERE deleted = 1").Should().Be(0, "a delete there removes the rows, with nothing to tell the hub");
        client.GetEntities("ws1").Should().BeEmpty("the personal workspace got none of it");
        events.Should().OnlyContain(e => e.WorkspaceId == SyncClient.ScratchPadId && !e.Remote);
        events.SelectMany(e => e.Changes).Should().Contain(c => c.EntityId == folder && c.Op == MutationOps.Delete, "a cascaded delete is announced");
    }

    [Fact]
    public async Task The_scratch_pad_and_the_choice_of_it_survive_a_restart_and_switching_to_a_workspace_leaves_it()
    {
        SeedSession();
        string id;
        await using (var client = await OpenAsync())
        {
            client.SwitchWorkspace(SyncClient.ScratchPadId);
            id = await client.CreateAsync(EntityKinds.Collection, null, Named("kept"));
        }

        await using var reopened = await OpenAsync();
        reopened.IsInScratchPad.Should().BeTrue();
        reopened.GetEntity(id).Should().NotBeNull();
        reopened.SwitchWorkspace("ws1");
        reopened.IsInScratchPad.Should().BeFalse();
        reopened.ActiveWorkspaceId.Should().Be("ws1");
        reopened.GetEntity(id).Should().BeNull("the synced workspace does not show the Scratch Pad");
        reopened.GetEntities(SyncClient.ScratchPadId).Should().ContainSingle(e => e.Id == id, "the Scratch Pad can be read whichever workspace is active");
    }

    [Fact]
    public async Task Create_many_checks_every_entity_first_and_stores_none_when_one_is_invalid()
    {
        SeedSession();
        await using var client = await OpenAsync();
        var existing = await client.CreateAsync(EntityKinds.Collection, null, Named("existing"));
        var outboxBefore = client.GetOutbox().Count;

        async Task<SyncException> Refused(params NewEntity[] entities) =>
            (await FluentActions.Awaiting(() => client.CreateManyAsync(entities)).Should().ThrowAsync<SyncException>()).Which;

        var good = new NewEntity("c1", EntityKinds.Collection, null, Named("c1"));
        var wrongParent = await Refused(good, new NewEntity("r1", EntityKinds.Request, "c1", Named("r1")), new NewEntity("x1", EntityKinds.Response, "c1", Named("bad")));
        wrongParent.Code.Should().Be(ErrorCodes.InvalidParent);
        wrongParent.Message.Should().Contain("Entity 2").And.Contain("'x1'").And.Contain("collection cannot hold a response");
        (await Refused(good, new NewEntity("f1", EntityKinds.Folder, "later", Named("f"))))
            .Should().Match<SyncException>(e => e.Code == ErrorCodes.InvalidParent && e.Message.Contains("earlier in the list"));
        (await Refused(good, new NewEntity("c1", EntityKinds.Collection, null, Named("again")))).Code.Should().Be(ErrorCodes.AlreadyExists);
        (await Refused(new NewEntity(existing, EntityKinds.Collection, null, Named("clash")))).Code.Should().Be(ErrorCodes.AlreadyExists);
        (await Refused(good, new NewEntity("bad id!", EntityKinds.Collection, null, Named("x")))).Code.Should().Be(ErrorCodes.InvalidRequest);
        (await Refused(good, new NewEntity("w", "widget", null, Named("x")))).Code.Should().Be(ErrorCodes.UnknownKind);
        (await Refused(good, new NewEntity("m", EntityKinds.Collection, null, "{not json"))).Code.Should().Be(ErrorCodes.MalformedBody);
        (await Refused(good, new NewEntity("v", EntityKinds.EnvironmentVariable, null, """{"key":"k"}"""))).Code.Should().Be(ErrorCodes.InvalidParent);

        client.GetEntities().Select(e => e.Id).Should().Equal(existing);
        client.GetOutbox().Should().HaveCount(outboxBefore, "a refused list queues nothing");
    }

    [Fact]
    public async Task Create_many_refuses_a_body_over_the_hubs_known_limit()
    {
        SeedSession();
        using (var store = LocalStore.Open(_profile.Directory)) store.SaveLimits(new HubLimits { MaxBodyBytes = 100, MaxBatchSize = 10, MaxMessageBytes = 1000, MaxPageSize = 10 });
        await using var client = await OpenAsync();

        var error = (await FluentActions.Awaiting(() => client.CreateManyAsync([
            new NewEntity("c1", EntityKinds.Collection, null, Named("small")),
            new NewEntity("c2", EntityKinds.Collection, null, Named(new string('x', 200))),
        ])).Should().ThrowAsync<SyncException>()).Which;

        error.Code.Should().Be(ErrorCodes.PayloadTooLarge);
        error.Message.Should().Contain("Entity 1").And.Contain("'c2'");
        client.GetEntities().Should().BeEmpty();
    }

    [Fact]
    public async Task Create_many_queues_one_create_per_entity_parents_first_and_ranks_the_unranked_after_their_siblings()
    {
        SeedSession();
        await using var client = await OpenAsync();
        var before = await client.CreateAsync(EntityKinds.Collection, null, Named("before"));
        var beforeRank = RankedBody.ReadRank(client.GetEntity(before)!.Body);

        var ids = await client.CreateManyAsync([
            new NewEntity("c1", EntityKinds.Collection, null, Named("c1")),
            new NewEntity("f1", EntityKinds.Folder, "c1", Named("f1")),
            new NewEntity("r1", EntityKinds.Request, "f1", Named("r1")),
            new NewEntity("r0", EntityKinds.Request, "f1", """{"name":"r0","rank":"1"}"""),
            new NewEntity("r2", EntityKinds.Request, "f1", Named("r2")),
            new NewEntity("s1", EntityKinds.Response, "r1", Named("s1")),
            new NewEntity("e1", EntityKinds.Environment, null, Named("e1")),
            new NewEntity("v1", EntityKinds.EnvironmentVariable, "e1", """{"key":"k"}"""),
        ]);

        ids.Should().Equal("c1", "f1", "r1", "r0", "r2", "s1", "e1", "v1");
        client.GetChildren(null).Select(e => e.Id).Should().Equal(before, "c1", "e1");
        RankedBody.ReadRank(client.GetEntity("c1")!.Body).Should().Be(EntityRank.After(beforeRank));
        RankedBody.ReadRank(client.GetEntity("r0")!.Body).Should().Be("1", "a given rank is kept");
        client.GetChildren("f1").Select(e => e.Id).Should().Equal("r0", "r1", "r2");
        client.GetOutbox().Select(p => p.EntityId).Should().Equal(before, "c1", "f1", "r1", "r0", "r2", "s1", "e1", "v1");
        client.GetOutbox().Should().OnlyContain(p => p.Op == MutationOps.Create);
        client.Status.PendingChanges.Should().Be(9);
    }

    [Fact]
    public async Task Create_many_in_the_scratch_pad_queues_nothing_and_takes_parents_from_it()
    {
        await using var client = await OpenAsync();
        var collection = await client.CreateAsync(EntityKinds.Collection, null, Named("there"));

        await client.CreateManyAsync([
            new NewEntity("f1", EntityKinds.Folder, collection, Named("f1")),
            new NewEntity("r1", EntityKinds.Request, "f1", Named("r1")),
        ]);

        client.GetChildren("f1").Select(e => e.Id).Should().Equal("r1");
        client.GetEntities(SyncClient.ScratchPadId).Should().HaveCount(3);
        Count("SELECT COUNT(*) FROM outbox").Should().Be(0);
    }

    [Fact]
    public async Task Moving_the_scratch_pad_copies_the_tree_under_new_ids_after_the_workspaces_roots_queues_it_and_empties_the_scratch_pad()
    {
        SeedSession();
        await using var client = await OpenAsync();
        var existing = await client.CreateAsync(EntityKinds.Collection, null, Named("existing"));
        client.EnterScratchPad();
        var first = await client.CreateAsync(EntityKinds.Collection, null, Named("first"));
        var folder = await client.CreateAsync(EntityKinds.Folder, first, Named("folder"));
        await client.CreateAsync(EntityKinds.Request, folder, Named("r-a"));
        var b = await client.CreateAsync(EntityKinds.Request, folder, Named("r-b"));
        await client.MoveAsync(b, folder, EntityPosition.First);
        await client.CreateAsync(EntityKinds.Response, b, Named("ok"));
        var environment = await client.CreateAsync(EntityKinds.Environment, null, Named("env"));
        await client.CreateAsync(EntityKinds.EnvironmentVariable, environment, """{"key":"k"}""");
        await client.MoveAsync(environment, null, EntityPosition.First);
        var scratchIds = client.GetEntities().Select(e => e.Id).ToHashSet();

        var moved = await client.MoveScratchPadToAsync("ws1");

        moved.Should().Be(7);
        client.IsInScratchPad.Should().BeTrue("the active workspace does not change");
        client.GetEntities().Should().BeEmpty();
        client.SwitchWorkspace("ws1");
        client.GetChildren(null).Select(NameOf).Should().Equal("existing", "env", "first");
        var copiedFirst = client.GetChildren(null).Single(e => NameOf(e) == "first");
        var copiedFolder = client.GetChildren(copiedFirst.Id).Should().ContainSingle().Subject;
        client.GetChildren(copiedFolder.Id).Select(NameOf).Should().Equal("r-b", "r-a");
        client.GetChildren(client.GetChildren(copiedFolder.Id)[0].Id).Select(NameOf).Should().Equal("ok");
        client.GetEntities().Where(e => e.Id != existing).Should().OnlyContain(e => !scratchIds.Contains(e.Id), "copies get new ids");
        var outbox = client.GetOutbox();
        outbox.Should().HaveCount(8).And.OnlyContain(p => p.Op == MutationOps.Create);
        var queued = outbox.Select(p => p.EntityId).ToList();
        client.GetEntities().Where(e => e.ParentId is not null)
            .Should().OnlyContain(e => queued.IndexOf(e.ParentId!) < queued.IndexOf(e.Id), "a parent is queued before its children");
        Count($"SELECT COUNT(*) FROM entities WHERE workspace_id = '{SyncClient.ScratchPadId}'").Should().Be(0);

        (await client.MoveScratchPadToAsync("ws1")).Should().Be(0, "an empty Scratch Pad moves nothing");
        (await FluentActions.Awaiting(() => client.MoveScratchPadToAsync("elsewhere")).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Moving_the_scratch_pad_needs_a_sign_in()
    {
        await using var client = await OpenAsync();
        await client.CreateAsync(EntityKinds.Collection, null, Named("kept"));

        (await FluentActions.Awaiting(() => client.MoveScratchPadToAsync("ws1")).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.Unauthorized);
        client.GetEntities().Should().ContainSingle();
    }
}
