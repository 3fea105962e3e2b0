using System.Text.Json.Nodes;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.Tests;

/// <summary>Two devices editing one request while one is offline, against the real hub: merges, conflicts and their resolution.</summary>
public sealed class ConflictTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private Uri Url => hub.BaseUrl;

    private static string Req(string name, string url) => Request(name, url);

    private static (string? Name, string? Url) Fields(string? body)
    {
        var node = body is null ? null : JsonNode.Parse(body);
        return (node?["name"]?.GetValue<string>(), node?["url"]?.GetValue<string>());
    }

    /// <summary>A and B both hold request r ("Login", old url) in collection c; B is stopped (offline).</summary>
    private async Task<(TestDevice A, TestDevice B, string Collection, string Id)> TwoDevicesOneOfflineAsync()
    {
        var account = await TestAccounts.CreateAsync(Url);
        var a = await TestDevice.SignInAsync(Url, account, deviceName: "a");
        var b = await TestDevice.SignInAsync(Url, account, deviceName: "b");
        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("Shared"));
        var id = await a.Client.CreateAsync(EntityKinds.Request, collection, Req("Login", "https://old.test/"));
        await b.UntilAsync(c => c.GetEntity(id) is not null, "B to receive the request");
        await b.InSyncAsync();
        await b.Client.StopAsync().WaitAsync(TestTimeouts.Default);
        return (a, b, collection, id);
    }

    private static async Task<ConflictRecord> ConflictOnNameAsync(TestDevice a, TestDevice b, string id)
    {
        await a.Client.UpdateAsync(id, Req("A's name", "https://a.test/"));
        await a.InSyncAsync();
        await b.Client.UpdateAsync(id, Req("B's name", "https://old.test/"));
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();
        return b.Client.GetConflicts().Should().ContainSingle().Subject;
    }

    private static async Task BothHoldAsync(TestDevice a, TestDevice b, string id, Func<string?, bool> expected, string what)
    {
        await a.UntilAsync(c => expected(c.GetEntity(id)?.Body) && c.Status.PendingChanges == 0, $"A to hold {what}");
        await b.UntilAsync(c => expected(c.GetEntity(id)?.Body) && c.Status.PendingChanges == 0, $"B to hold {what}");
        a.Client.GetEntity(id)!.Version.Should().Be(b.Client.GetEntity(id)!.Version);
    }

    [Fact]
    public async Task Edits_of_different_fields_while_one_device_is_offline_end_up_on_both_devices()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;

        await a.Client.UpdateAsync(id, Req("Sign in", "https://old.test/"));
        await a.InSyncAsync();
        await b.Client.UpdateAsync(id, Req("Login", "https://new.test/"));
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        await BothHoldAsync(a, b, id, body => Fields(body) == ("Sign in", "https://new.test/"), "both edits");
        b.Client.GetConflicts().Should().BeEmpty("edits of different fields merge");
        a.Client.GetEntity(id)!.Version.Should().Be(3);
    }

    [Fact]
    public async Task Chained_offline_edits_are_rebased_onto_the_merge_and_none_undoes_the_other_side()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;

        await a.Client.UpdateAsync(id, Req("Sign in", "https://old.test/"));
        await a.InSyncAsync();
        await b.Client.UpdateAsync(id, Req("Login", "https://new.test/"));
        await b.Client.UpdateAsync(id, Req("Login", "https://newer.test/"));
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        await BothHoldAsync(a, b, id, body => Fields(body) == ("Sign in", "https://newer.test/"), "the rename and the last url");
        b.Client.GetConflicts().Should().BeEmpty();
    }

    [Fact]
    public async Task Edits_of_the_same_field_leave_the_later_device_a_conflict_with_mine_theirs_and_base_and_raise_the_event()
    {
        var (a, b, collection, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        var raised = new TaskCompletionSource<ConflictRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Client.ConflictDetected += (_, e) => raised.TrySetResult(e.Conflict);

        var conflict = await ConflictOnNameAsync(a, b, id);

        var fromEvent = await raised.Task.WaitAsync(TestTimeouts.Default);
        fromEvent.Id.Should().Be(conflict.Id);
        conflict.EntityId.Should().Be(id);
        conflict.Kind.Should().Be(EntityKinds.Request);
        conflict.Op.Should().Be(MutationOps.Update);
        conflict.Mine.Should().Be(new EntityContent(collection, Req("B's name", "https://old.test/")));
        conflict.Base!.ParentId.Should().Be(collection);
        // The create got a rank (its place among its siblings) from the library; the rest is the body as created.
        var baseBody = System.Text.Json.Nodes.JsonNode.Parse(conflict.Base.Body)!.AsObject();
        baseBody.Remove("rank").Should().BeTrue();
        baseBody.ToJsonString().Should().Be(Req("Login", "https://old.test/"));
        conflict.Theirs!.Body.Should().Be(Req("A's name", "https://a.test/"));
        conflict.Theirs.Version.Should().Be(2);
        conflict.ConflictingFields.Should().Equal("name");
        b.Client.GetEntity(id)!.Body.Should().Be(Req("A's name", "https://a.test/"), "the entity shows theirs");
        b.Client.Status.Conflicts.Should().Be(1);
    }

    [Fact]
    public async Task Keep_mine_takes_my_conflicting_field_and_keeps_their_other_edits_on_both_devices()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        var conflict = await ConflictOnNameAsync(a, b, id);

        await b.Client.ResolveAsync(conflict, ConflictResolution.KeepMine);

        await BothHoldAsync(a, b, id, body => Fields(body) == ("B's name", "https://a.test/"), "B's name with A's url");
        b.Client.GetConflicts().Should().BeEmpty();
        a.Client.GetEntity(id)!.Version.Should().Be(3);
    }

    [Fact]
    public async Task Keep_theirs_drops_the_local_edit_and_both_devices_keep_the_hubs_version()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        var conflict = await ConflictOnNameAsync(a, b, id);

        await b.Client.ResolveAsync(conflict, ConflictResolution.KeepTheirs);
        await b.InSyncAsync();

        b.Client.GetConflicts().Should().BeEmpty();
        b.Client.GetOutbox().Should().BeEmpty("keeping theirs sends nothing");
        await BothHoldAsync(a, b, id, body => Fields(body) == ("A's name", "https://a.test/"), "A's version");
        a.Client.GetEntity(id)!.Version.Should().Be(2);
    }

    [Fact]
    public async Task A_merged_body_is_stored_and_reaches_both_devices()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        var conflict = await ConflictOnNameAsync(a, b, id);

        await b.Client.ResolveAsync(conflict, ConflictResolution.Merged(Req("A and B", "https://a.test/")));

        await BothHoldAsync(a, b, id, body => Fields(body) == ("A and B", "https://a.test/"), "the merged body");
        b.Client.GetConflicts().Should().BeEmpty();
    }

    [Fact]
    public async Task An_edit_against_a_delete_is_a_conflict_and_keep_mine_restores_the_entity_on_both_devices()
    {
        var (a, b, collection, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        await a.Client.DeleteAsync(id);
        await a.InSyncAsync();
        await b.Client.UpdateAsync(id, Req("Still needed", "https://old.test/"));
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        var conflict = b.Client.GetConflicts().Should().ContainSingle().Subject;
        conflict.IsAgainstDelete.Should().BeTrue();
        conflict.ConflictingFields.Should().BeEmpty();
        b.Client.GetEntity(id).Should().BeNull("the entity shows theirs: deleted");

        await b.Client.ResolveAsync(conflict, ConflictResolution.KeepMine);

        await BothHoldAsync(a, b, id, body => Fields(body) == ("Still needed", "https://old.test/"), "the restored request");
        a.Client.GetEntity(id)!.ParentId.Should().Be(collection);
        a.Client.GetEntity(id)!.Version.Should().Be(3, "create, delete, restore");
    }

    [Fact]
    public async Task A_delete_against_an_edit_kept_as_mine_deletes_it_on_both_devices()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        await a.Client.UpdateAsync(id, Req("A's name", "https://a.test/"));
        await a.InSyncAsync();
        await b.Client.DeleteAsync(id);
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();
        var conflict = b.Client.GetConflicts().Should().ContainSingle().Subject;
        conflict.Op.Should().Be(MutationOps.Delete);
        conflict.Mine.Should().BeNull();

        await b.Client.ResolveAsync(conflict, ConflictResolution.KeepMine);

        await a.UntilAsync(c => c.GetEntity(id) is null, "A to see the delete");
        await b.UntilAsync(c => c.GetEntity(id) is null && c.Status.PendingChanges == 0, "B to have sent the delete");
    }

    [Fact]
    public async Task Later_pending_edits_of_a_conflicting_entity_fold_into_its_one_conflict()
    {
        var (a, b, collection, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        await a.Client.UpdateAsync(id, Req("A's name", "https://old.test/"));
        await a.InSyncAsync();
        await b.Client.UpdateAsync(id, Req("B's name", "https://old.test/"));
        await b.Client.UpdateAsync(id, Req("B's name", "https://b.test/"));
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        var conflict = b.Client.GetConflicts().Should().ContainSingle("both edits are one conflict").Subject;
        conflict.Mine.Should().Be(new EntityContent(collection, Req("B's name", "https://b.test/")), "mine is the latest local edit");
        b.Client.GetOutbox().Should().BeEmpty();

        await b.Client.ResolveAsync(conflict, ConflictResolution.KeepMine);
        await BothHoldAsync(a, b, id, body => Fields(body) == ("B's name", "https://b.test/"), "B's latest edit");
    }

    [Fact]
    public async Task A_conflict_survives_a_restart_and_once_resolved_cannot_be_resolved_again()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        var conflict = await ConflictOnNameAsync(a, b, id);

        await b.ReopenAsync(Url);
        var reopened = b.Client.GetConflicts().Should().ContainSingle().Subject;
        reopened.Should().BeEquivalentTo(conflict);
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.Client.ResolveAsync(reopened, ConflictResolution.KeepMine);

        var again = () => b.Client.ResolveAsync(reopened, ConflictResolution.KeepTheirs);
        (await again.Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
        await BothHoldAsync(a, b, id, body => Fields(body) == ("B's name", "https://a.test/"), "the resolution made after the restart");
    }

    [Fact]
    public async Task Resolving_an_unknown_conflict_is_not_found_and_a_bad_merged_body_keeps_the_conflict()
    {
        var (a, b, _, id) = await TwoDevicesOneOfflineAsync();
        await using var _a = a;
        await using var _b = b;
        var conflict = await ConflictOnNameAsync(a, b, id);

        var unknown = () => b.Client.ResolveAsync(conflict with { Id = conflict.Id + 1000 }, ConflictResolution.KeepMine);
        var invalid = () => b.Client.ResolveAsync(conflict, ConflictResolution.Merged("[1,2]"));

        (await unknown.Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.NotFound);
        (await invalid.Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.MalformedBody);
        b.Client.GetConflicts().Should().ContainSingle().Which.Id.Should().Be(conflict.Id, "a refused resolution leaves the conflict");
        b.Client.GetOutbox().Should().BeEmpty();
    }
}
