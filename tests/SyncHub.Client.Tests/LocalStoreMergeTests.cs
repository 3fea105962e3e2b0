using Microsoft.Data.Sqlite;
using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client.Tests;

/// <summary>The local store's side of merges: base content in the outbox, merged acks, rebasing, folded conflicts, old profiles.</summary>
public sealed class LocalStoreMergeTests : IDisposable
{
    private const string Ws = "ws1";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempProfile _profile = new();
    private readonly LocalStore _store;

    public LocalStoreMergeTests()
    {
        _store = LocalStore.Open(_profile.Directory);
    }

    public void Dispose()
    {
        _store.Dispose();
        _profile.Dispose();
    }

    private static string Body(string name, string url = "u0") => $$"""{"name":"{{name}}","url":"{{url}}"}""";

    private void HubHas(string body, long version = 1, long seq = 1) =>
        _store.ApplyRemote(Ws, [new Change { Seq = seq, Op = version == 1 ? "create" : "update", Kind = "collection", EntityId = "c1", Body = body, Version = version, MutationId = $"r{seq}" }], new HashSet<long>());

    [Fact]
    public void An_edit_carries_the_hubs_copy_as_its_base_and_a_later_edit_the_earlier_one()
    {
        HubHas(Body("v1"));
        _store.UpdateLocal(Ws, "c1", Body("one"), "m1", Now, null);
        _store.UpdateLocal(Ws, "c1", Body("two"), "m2", Now, null);

        var outbox = _store.PeekOutbox(Ws, 10);
        outbox[0].ToMutation().Should().BeEquivalentTo(new { BaseVersion = 1L, BaseBody = Body("v1"), BaseParentId = (string?)null });
        outbox[1].ToMutation().Should().BeEquivalentTo(new { BaseVersion = 1L, BaseBody = Body("one") });
    }

    [Fact]
    public void A_merged_ack_sets_the_hub_copy_and_the_visible_entity_to_what_the_hub_stored()
    {
        HubHas(Body("v1"));
        _store.UpdateLocal(Ws, "c1", Body("v1", "mine"), "m1", Now, null);
        var entry = _store.PeekOutbox(Ws, 1)[0];

        var outcome = _store.ApplyResults(Ws, [(entry, MutationResult.MergedInto("m1", 3, 3, null, Body("theirs", "mine")))], [], Now);

        outcome.VisibleChanges.Should().ContainSingle().Which.Body.Should().Be(Body("theirs", "mine"));
        _store.GetEntity(Ws, "c1").Should().BeEquivalentTo(new LocalEntity("c1", Ws, "collection", null, Body("theirs", "mine"), 3, false));
        _store.GetEntityRow(Ws, "c1")!.ServerBody.Should().Be(Body("theirs", "mine"));
    }

    [Fact]
    public void After_a_merged_ack_later_edits_are_merged_onto_what_the_hub_stored()
    {
        HubHas(Body("v1"));
        _store.UpdateLocal(Ws, "c1", Body("v1", "u1"), "m1", Now, null);
        _store.UpdateLocal(Ws, "c1", Body("v1", "u2"), "m2", Now, null);
        var first = _store.PeekOutbox(Ws, 1)[0];

        _store.ApplyResults(Ws, [(first, MutationResult.MergedInto("m1", 3, 3, null, Body("theirs", "u1")))], [], Now);

        var later = _store.PeekOutbox(Ws, 10).Should().ContainSingle().Subject;
        later.BaseVersion.Should().Be(3);
        later.Body.Should().Be(Body("theirs", "u2"), "the later edit keeps the other side's name");
        later.BaseBody.Should().Be(Body("theirs", "u1"));
        _store.GetEntity(Ws, "c1")!.Body.Should().Be(Body("theirs", "u2"));
    }

    [Fact]
    public void A_later_edit_that_would_conflict_with_the_merge_keeps_its_old_base_for_the_hub_to_answer()
    {
        HubHas(Body("v1"));
        _store.UpdateLocal(Ws, "c1", Body("v1", "u1"), "m1", Now, null);
        _store.UpdateLocal(Ws, "c1", Body("mine", "u1"), "m2", Now, null);
        var first = _store.PeekOutbox(Ws, 1)[0];

        _store.ApplyResults(Ws, [(first, MutationResult.MergedInto("m1", 3, 3, null, Body("theirs", "u1")))], [], Now);

        var later = _store.PeekOutbox(Ws, 10).Should().ContainSingle().Subject;
        later.BaseVersion.Should().Be(1, "stale on purpose: the hub then answers the conflict on name");
        later.Body.Should().Be(Body("mine", "u1"));
    }

    [Fact]
    public void A_conflict_folds_the_later_edits_of_the_entity_into_one_record_with_base_and_fields()
    {
        HubHas(Body("v1"));
        _store.UpdateLocal(Ws, "c1", Body("one"), "m1", Now, null);
        _store.UpdateLocal(Ws, "c1", Body("two", "u2"), "m2", Now, null);
        var first = _store.PeekOutbox(Ws, 1)[0];
        var theirs = new EntityState { EntityId = "c1", Kind = "collection", Body = Body("theirs"), Version = 2 };
        var answer = MutationResult.ConflictWith("m1", theirs, "changed");
        answer.ConflictingFields = ["name"];

        var outcome = _store.ApplyResults(Ws, [(first, answer)], [], Now);

        _store.GetOutbox(Ws).Should().BeEmpty();
        var conflict = outcome.NewConflicts.Should().ContainSingle().Subject;
        conflict.Should().BeEquivalentTo(_store.GetConflicts(Ws).Single());
        conflict.Mine.Should().Be(new EntityContent(null, Body("two", "u2")));
        conflict.Base.Should().Be(new EntityContent(null, Body("v1")));
        conflict.ConflictingFields.Should().Equal("name");
        _store.GetEntity(Ws, "c1")!.Body.Should().Be(Body("theirs"));
    }

    [Fact]
    public void Keep_mine_queues_the_resolved_body_on_the_shown_version()
    {
        HubHas(Body("v1"));
        _store.UpdateLocal(Ws, "c1", Body("mine"), "m1", Now, null);
        var theirs = new EntityState { EntityId = "c1", Kind = "collection", Body = Body("theirs", "u9"), Version = 2 };
        _store.ApplyResults(Ws, [(_store.PeekOutbox(Ws, 1)[0], MutationResult.ConflictWith("m1", theirs, "changed"))], [], Now);
        var conflict = _store.GetConflicts(Ws).Single();

        var change = _store.ResolveConflict(Ws, conflict.Id, ConflictResolution.KeepMine, "m2", Now, null);

        change!.Body.Should().Be(Body("mine", "u9"));
        var entry = _store.PeekOutbox(Ws, 10).Should().ContainSingle().Subject;
        entry.Should().BeEquivalentTo(new { Op = "update", BaseVersion = 2L, Body = Body("mine", "u9"), BaseBody = Body("theirs", "u9") });
        _store.GetConflicts(Ws).Should().BeEmpty();
        var again = () => _store.ResolveConflict(Ws, conflict.Id, ConflictResolution.KeepMine, "m3", Now, null);
        again.Should().Throw<SyncException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void A_profile_made_before_merges_opens_with_its_outbox_and_conflicts_kept()
    {
        var directory = Path.Combine(_profile.Directory, "old");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, LocalStore.FileName);
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE outbox(
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, mutation_id TEXT NOT NULL UNIQUE,
                    op TEXT NOT NULL, kind TEXT NOT NULL, entity_id TEXT NOT NULL, parent_id TEXT NULL, body TEXT NULL,
                    base_version INTEGER NOT NULL, created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT NULL);
                CREATE TABLE conflicts(
                    id INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, mutation_id TEXT NOT NULL,
                    entity_id TEXT NOT NULL, kind TEXT NOT NULL, mine_body TEXT NULL, base_version INTEGER NOT NULL,
                    has_theirs INTEGER NOT NULL, theirs_kind TEXT NULL, theirs_parent_id TEXT NULL, theirs_body TEXT NULL,
                    theirs_version INTEGER NOT NULL DEFAULT 0, theirs_deleted INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL);
                INSERT INTO outbox(workspace_id, mutation_id, op, kind, entity_id, body, base_version, created_at)
                    VALUES ('ws1', 'old-m', 'update', 'collection', 'c1', '{"name":"x"}', 1, 0);
                INSERT INTO conflicts(workspace_id, mutation_id, entity_id, kind, mine_body, base_version, has_theirs, at)
                    VALUES ('ws1', 'old-c', 'c1', 'collection', '{"name":"y"}', 1, 0, 0);
                """;
            cmd.ExecuteNonQuery();
        }

        using var store = LocalStore.Open(directory);

        store.PeekOutbox(Ws, 10).Should().ContainSingle().Which.ToMutation().BaseBody.Should().BeNull("an old entry has no base: a stale one is a conflict");
        var conflict = store.GetConflicts(Ws).Should().ContainSingle().Subject;
        conflict.MineBody.Should().Be("""{"name":"y"}""");
        conflict.Base.Should().BeNull();
        conflict.ConflictingFields.Should().BeEmpty();
    }
}
