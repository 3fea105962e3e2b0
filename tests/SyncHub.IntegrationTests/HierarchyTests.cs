using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

/// <summary>Every kind end to end, the tree's parents, order and moves, and deletes that cascade, between real devices through a real hub.</summary>
public sealed class HierarchyTests
{
    // Full bodies with fields the hub does not know at the top, inside parts and inside nested parts. Each has a rank,
    // so the library leaves it exactly as written.
    private const string CollectionBody = """{"name":"Billing","rank":"V","description":"d","x-future":{"deep":[1,{"z":true}]},"variables":[{"key":"baseUrl","value":"https://api.test","x-var":"kept"}],"auth":{"type":"bearer","attributes":[{"key":"token","value":"t","x-attr":1}],"x-auth":"a"},"preRequestScript":"","testScript":"pm.test('x',()=>{})"}""";
    private const string FolderBody = """{"name":"Invoices","rank":"V","x-folder":[null,"ü"],"auth":{"type":"noauth"}}""";
    private const string RequestBody = """{"name":"Create","rank":"V","method":"POST","url":"https://api.test/inv","headers":[{"key":"A","value":"b","x-h":{"n":1}}],"query":[{"key":"q","value":"1"}],"body":{"mode":"raw","raw":"{}","language":"json","x-body":"kept"},"x-top":123.4500}""";
    private const string ResponseBody = """{"name":"Created","rank":"V","status":"Created","code":201,"headers":[{"key":"Content-Type","value":"application/json","x-hdr":2}],"body":"{\"id\":1}","originalRequest":{"method":"POST","url":"https://api.test","x-orig":{"a":[]}},"x-resp":"e\u00e9"}""";
    private const string PresetBody = """{"name":"JSON","rank":"V","headers":[{"key":"Accept","value":"application/json","x-p":true}],"x-preset":{}}""";
    private const string EnvironmentBody = """{"name":"Staging","rank":"V","x-env":{"color":"red"}}""";
    private const string VariableBody = """{"key":"token","value":"s3cret","type":"secret","enabled":true,"rank":"V","x-var":[1,2]}""";
    private const string GlobalBody = """{"key":"region","value":"eu","type":"default","rank":"V","x-g":null}""";
    private const string RunBody = """{"environmentId":"env1","startedAt":1767225600000,"finishedAt":1767225601234,"rank":"V","totals":{"requests":1,"failedRequests":0,"tests":1,"passedTests":1,"failedTests":0,"totalResponseTime":5,"x-tot":5},"results":[{"requestId":"r1","name":"Create","status":"Created","code":201,"responseTime":5,"tests":[{"name":"t","passed":true,"x-test":"k"}],"x-res":1}],"x-run":"kept"}""";

    [Fact]
    public async Task Every_kind_goes_from_one_device_to_another_byte_for_byte_with_the_fields_the_hub_does_not_know()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");

        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, CollectionBody);
        var folder = await a.Client.CreateAsync(EntityKinds.Folder, collection, FolderBody);
        var request = await a.Client.CreateAsync(EntityKinds.Request, folder, RequestBody);
        var response = await a.Client.CreateAsync(EntityKinds.Response, request, ResponseBody);
        var preset = await a.Client.CreateAsync(EntityKinds.HeaderPreset, null, PresetBody);
        var environment = await a.Client.CreateAsync(EntityKinds.Environment, null, EnvironmentBody);
        var variable = await a.Client.CreateAsync(EntityKinds.EnvironmentVariable, environment, VariableBody);
        var global = await a.Client.CreateAsync(EntityKinds.GlobalVariable, null, GlobalBody);
        var run = await a.Client.CreateAsync(EntityKinds.CollectionRun, collection, RunBody);
        (string Id, string Kind, string? Parent, string Body)[] expected =
        [
            (collection, EntityKinds.Collection, null, CollectionBody), (folder, EntityKinds.Folder, collection, FolderBody),
            (request, EntityKinds.Request, folder, RequestBody), (response, EntityKinds.Response, request, ResponseBody),
            (preset, EntityKinds.HeaderPreset, null, PresetBody), (environment, EntityKinds.Environment, null, EnvironmentBody),
            (variable, EntityKinds.EnvironmentVariable, environment, VariableBody), (global, EntityKinds.GlobalVariable, null, GlobalBody),
            (run, EntityKinds.CollectionRun, collection, RunBody),
        ];
        expected.Select(e => e.Kind).Should().BeEquivalentTo(EntityKinds.All, "the test covers every kind");

        await b.UntilAsync(c => c.GetEntities().Count == expected.Length, "B to receive every kind");
        await a.InSyncAsync();
        a.Client.GetFailedChanges().Should().BeEmpty("the hub accepts every kind with unknown fields");
        foreach (var (id, kind, parent, body) in expected)
        {
            var entity = b.Client.GetEntity(id)!;
            entity.Kind.Should().Be(kind);
            entity.ParentId.Should().Be(parent);
            entity.Body.Should().Be(body, $"the {kind} arrives exactly as written, unknown fields included");
        }

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
        await fresh.InSyncAsync();
        fresh.Client.GetEntities().Select(e => (e.Id, e.Body)).Should().BeEquivalentTo(expected.Select(e => (e.Id, e.Body)), "a snapshot carries them the same way");
    }

    [Fact]
    public async Task Order_survives_sync_and_a_move_to_another_folder_and_place_is_one_change_on_the_other_device()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");
        // Counted from B's events, not its store: the store shows a change a moment before the event about it is raised.
        var seen = new List<Change>();
        b.Client.EntitiesChanged += (_, e) => { if (e.Remote) lock (seen) seen.AddRange(e.Changes); };
        int Seen(Func<Change, bool> which) { lock (seen) return seen.Count(which); }

        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Shop"));
        var f1 = await a.Client.CreateAsync(EntityKinds.Folder, collection, Named("One"));
        var f2 = await a.Client.CreateAsync(EntityKinds.Folder, collection, Named("Two"));
        // Names in reverse, so that an order by name or id would not pass by chance.
        var r1 = await a.Client.CreateAsync(EntityKinds.Request, f1, Request("z first"));
        var r2 = await a.Client.CreateAsync(EntityKinds.Request, f1, Request("y second"));
        var r3 = await a.Client.CreateAsync(EntityKinds.Request, f1, Request("x third"));
        var r4 = await a.Client.CreateAsync(EntityKinds.Request, f2, Request("w fourth"));
        a.Client.GetChildren(f1).Select(e => e.Id).Should().Equal([r1, r2, r3], "new entities go last");
        a.Client.GetChildren(collection).Select(e => e.Id).Should().Equal(f1, f2);
        await a.InSyncAsync();
        await TestWait.UntilAsync(() => Seen(c => c.EntityId == r4) > 0, "B's event about the last create");
        b.Client.GetChildren(f1).Select(e => e.Id).Should().Equal(r1, r2, r3);
        // The events come in order: after the last create's, only the moves are left to count.
        lock (seen) seen.Clear();

        await a.Client.MoveAsync(r3, f2, EntityPosition.Before(r4));
        a.Client.GetChildren(f2).Select(e => e.Id).Should().Equal([r3, r4], "the move shows at once, locally");
        // The running engine may already have sent it: at most the one update is queued.
        a.Client.GetOutbox().Should().HaveCountLessThanOrEqualTo(1, "a move to another folder and place is one update")
            .And.OnlyContain(p => p.EntityId == r3);
        await TestWait.UntilAsync(() => Seen(c => c.EntityId == r3) > 0, "B's event about the move");

        lock (seen) seen.Should().ContainSingle("B sees the move as exactly one change").Which.Op.Should().Be(MutationOps.Update);
        b.Client.GetChildren(f2).Select(e => e.Id).Should().Equal(r3, r4);
        b.Client.GetChildren(f1).Select(e => e.Id).Should().Equal(r1, r2);

        await a.Client.MoveAsync(r1, f1, EntityPosition.After(r2));
        await a.Client.MoveAsync(r4, f2, EntityPosition.First);
        await a.Client.MoveAsync(f2, collection, EntityPosition.At(0));
        await TestWait.UntilAsync(() => Seen(c => c.EntityId == f2) > 0, "B's event about the last reorder");
        b.Client.GetChildren(f1).Select(e => e.Id).Should().Equal(r2, r1);
        b.Client.GetChildren(f2).Select(e => e.Id).Should().Equal(r4, r3);
        b.Client.GetChildren(collection).Select(e => e.Id).Should().Equal(f2, f1);
        lock (seen) seen.Should().HaveCount(4, "each reorder is one change too");

        // A place next to an entity that is not a sibling is refused before anything is queued.
        var act = () => a.Client.MoveAsync(r2, f1, EntityPosition.Before(r4));
        (await act.Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
        await a.InSyncAsync();
        a.Client.GetOutbox().Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_a_collection_or_an_environment_is_one_change_every_device_applies_whole()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");
        // Counted from B's events, not its store: the store shows a change a moment before the event about it is raised.
        var events = new List<EntitiesChangedEventArgs>();
        b.Client.EntitiesChanged += (_, e) => { if (e.Remote && e.Changes.Count > 0) lock (events) events.Add(e); };
        bool Heard(string id, string op) { lock (events) return events.Exists(e => e.Changes.Any(c => c.EntityId == id && c.Op == op)); }

        var keep = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Keep"));
        var kept = await a.Client.CreateAsync(EntityKinds.Request, keep, Request("kept"));
        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Doomed"));
        var folder = await a.Client.CreateAsync(EntityKinds.Folder, collection, Named("F"));
        var nested = await a.Client.CreateAsync(EntityKinds.Folder, folder, Named("F2"));
        var request = await a.Client.CreateAsync(EntityKinds.Request, nested, Request("deep"));
        var response = await a.Client.CreateAsync(EntityKinds.Response, request, """{"name":"OK","code":200}""");
        var run = await a.Client.CreateAsync(EntityKinds.CollectionRun, collection, """{"startedAt":1}""");
        var top = await a.Client.CreateAsync(EntityKinds.Request, collection, Request("top"));
        var environment = await a.Client.CreateAsync(EntityKinds.Environment, null, Named("Env"));
        var v1 = await a.Client.CreateAsync(EntityKinds.EnvironmentVariable, environment, """{"key":"a","value":"1"}""");
        var v2 = await a.Client.CreateAsync(EntityKinds.EnvironmentVariable, environment, """{"key":"b","value":"2"}""");
        await a.InSyncAsync();
        await TestWait.UntilAsync(() => Heard(v2, MutationOps.Create), "B's event about the last create");
        b.Client.GetEntities().Should().HaveCount(12, "B holds the workspace");
        // The events come in order: after the last create's, only the deletes are left to count.
        lock (events) events.Clear();
        string[] doomed = [collection, folder, nested, request, response, run, top];

        await a.Client.DeleteAsync(collection);

        doomed.Select(a.Client.GetEntity).Should().AllSatisfy(e => e.Should().BeNull(), "local first: the whole tree goes at once");
        // The running engine may already have sent it: at most the one delete is queued, never one per descendant.
        var queued = a.Client.GetOutbox();
        queued.Should().HaveCountLessThanOrEqualTo(1, "one delete; the hub cascades");
        queued.Where(p => p.EntityId != collection).Should().BeEmpty("only the collection's own delete is queued");
        var edit = () => a.Client.UpdateAsync(request, Request("edited under a deleted collection"));
        (await edit.Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
        await TestWait.UntilAsync(() => Heard(collection, MutationOps.Delete), "B's event about the delete");

        lock (events)
        {
            events.Should().ContainSingle("the cascade arrives as one change applied whole");
            events[0].Changes.Select(c => c.EntityId).Should().BeEquivalentTo(doomed);
            events[0].Changes.Select(c => c.Op).Should().AllBe(MutationOps.Delete);
            events[0].Changes.Select(c => c.Seq).Distinct().Should().ContainSingle("every descendant goes in the delete's seq");
            events.Clear();
        }
        doomed.Select(b.Client.GetEntity).Should().AllSatisfy(e => e.Should().BeNull());

        await a.Client.DeleteAsync(environment);
        await TestWait.UntilAsync(() => Heard(environment, MutationOps.Delete), "B's event about the environment's delete");
        lock (events) events.Should().ContainSingle().Which.Changes.Select(c => c.EntityId).Should().BeEquivalentTo([environment, v1, v2]);

        await a.InSyncAsync();
        await b.InSyncAsync();
        b.Client.GetEntities().Select(e => e.Id).Should().BeEquivalentTo([keep, kept]);
        a.Client.GetEntities().Select(e => e.Id).Should().BeEquivalentTo([keep, kept]);
        a.Client.GetConflicts().Should().BeEmpty();
        a.Client.GetFailedChanges().Should().BeEmpty();

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
        await fresh.InSyncAsync();
        fresh.Client.GetEntities().Select(e => e.Id).Should().BeEquivalentTo([keep, kept], "a new device's snapshot has none of them");
    }
}
