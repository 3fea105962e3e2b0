using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

/// <summary>Updates made on an older version: merged field by field with the base the device sends, or a conflict; and restores of a tombstone.</summary>
public sealed class MergeTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private Uri BaseUrl => hub.BaseUrl;

    private static string Request(string name, string url) => TestMutations.Body(name, new Dictionary<string, object?> { ["method"] = "GET", ["url"] = url });

    private static Mutation StaleUpdate(string ws, string id, string? parentId, string body, long baseVersion, string? baseParentId, string? baseBody)
    {
        var m = TestMutations.Update(ws, EntityKinds.Request, id, parentId, body, baseVersion);
        m.BaseParentId = baseParentId;
        m.BaseBody = baseBody;
        return m;
    }

    [Theory]
    [InlineData(HubWireProtocol.Json)]
    [InlineData(HubWireProtocol.MessagePack)]
    public async Task Edits_of_different_fields_merge_and_the_other_device_gets_the_merged_change(HubWireProtocol protocol)
    {
        var first = await TestAccounts.CreateAsync(BaseUrl);
        var second = await TestAccounts.SignInAsync(BaseUrl, first);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, first, protocol);
        await using var b = await RawHubClient.ConnectAsync(BaseUrl, second, protocol);
        using var bPushes = new ChangesRecorder(b);
        await b.SubscribeAsync(first.WorkspaceId);
        var ws = first.WorkspaceId;
        var v1 = Request("Login", "https://old.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        (await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", Request("Sign in", "https://old.test/"), 1))).Version.Should().Be(2);

        var mine = StaleUpdate(ws, "r", "c", Request("Login", "https://new.test/"), 1, "c", v1);
        var result = await a.MutateOneAsync(mine);

        result.Status.Should().Be(MutationStatuses.Applied);
        result.Merged.Should().BeTrue();
        result.Version.Should().Be(3);
        result.ParentId.Should().Be("c");
        var stored = JsonNode.Parse(result.Body!)!;
        stored["name"]!.GetValue<string>().Should().Be("Sign in", "the other edit's field is kept");
        stored["url"]!.GetValue<string>().Should().Be("https://new.test/", "this edit's field is applied");
        var pushed = await bPushes.WaitForSeqAsync(ws, result.Seq);
        pushed.Op.Should().Be(MutationOps.Update);
        pushed.Version.Should().Be(3);
        EntityMerge.AreEquivalent(pushed.Body!, result.Body!).Should().BeTrue("the pushed change carries the merged body, not the one sent");

        var retry = await a.MutateOneAsync(mine);
        retry.Should().BeEquivalentTo(result, "a resent merged update gets its first answer");
        (await a.GetAllChangesAsync(ws)).Should().HaveCount(4, "the retry stored nothing");
    }

    [Fact]
    public async Task A_move_merges_with_a_rename_made_meanwhile()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateFolder(ws, "c", "f"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", Request("Sign in", "https://x.test/"), 1));

        var result = await a.MutateOneAsync(StaleUpdate(ws, "r", "f", v1, 1, "c", v1));

        result.Merged.Should().BeTrue();
        result.ParentId.Should().Be("f");
        JsonNode.Parse(result.Body!)!["name"]!.GetValue<string>().Should().Be("Sign in");
    }

    [Fact]
    public async Task Edits_of_the_same_field_are_a_conflict_naming_it_and_nothing_is_stored()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        var theirs = Request("Sign in", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", theirs, 1));

        var result = await a.MutateOneAsync(StaleUpdate(ws, "r", "c", Request("Log on", "https://y.test/"), 1, "c", v1));

        result.Status.Should().Be(MutationStatuses.Conflict);
        result.Code.Should().Be(ErrorCodes.Conflict);
        result.ConflictingFields.Should().Equal("name");
        result.Message.Should().Contain("name");
        result.Current.Should().BeEquivalentTo(new EntityState { EntityId = "r", Kind = EntityKinds.Request, ParentId = "c", Body = theirs, Version = 2 });
        (await a.GetAllChangesAsync(ws)).Should().HaveCount(3, "a conflict stores nothing");
    }

    [Fact]
    public async Task Two_different_moves_conflict_on_parentId()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateFolder(ws, "c", "f"), TestMutations.CreateFolder(ws, "c", "g"),
            TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "g", v1, 1));

        var result = await a.MutateOneAsync(StaleUpdate(ws, "r", "f", v1, 1, "c", v1));

        result.Status.Should().Be(MutationStatuses.Conflict);
        result.ConflictingFields.Should().Equal(EntityMerge.ParentIdField);
    }

    [Fact]
    public async Task A_stale_update_without_a_base_body_and_a_stale_delete_are_conflicts()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", Request("Sign in", "https://x.test/"), 1));

        var noBase = await a.MutateOneAsync(StaleUpdate(ws, "r", "c", Request("Login", "https://y.test/"), 1, "c", null));
        var delete = await a.MutateOneAsync(TestMutations.Delete(ws, EntityKinds.Request, "r", 1));

        noBase.Status.Should().Be(MutationStatuses.Conflict);
        noBase.Current!.Version.Should().Be(2);
        delete.Status.Should().Be(MutationStatuses.Conflict);
        (await a.GetAllChangesAsync(ws)).Should().HaveCount(3);
    }

    [Fact]
    public async Task An_update_on_the_tombstones_version_restores_the_entity_for_every_device()
    {
        var first = await TestAccounts.CreateAsync(BaseUrl);
        var second = await TestAccounts.SignInAsync(BaseUrl, first);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, first);
        await using var b = await RawHubClient.ConnectAsync(BaseUrl, second);
        using var bPushes = new ChangesRecorder(b);
        await b.SubscribeAsync(first.WorkspaceId);
        var ws = first.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1),
            TestMutations.Delete(ws, EntityKinds.Request, "r", 1));

        var mine = Request("Login", "https://kept.test/");
        var restore = await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", mine, 2));

        restore.Status.Should().Be(MutationStatuses.Applied);
        restore.Version.Should().Be(3);
        var pushed = await bPushes.WaitForSeqAsync(ws, restore.Seq);
        pushed.Should().BeEquivalentTo(new { Op = MutationOps.Update, EntityId = "r", ParentId = "c", Body = mine, Version = 3L });
        var later = await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", Request("Login", "https://later.test/"), 3));
        later.Status.Should().Be(MutationStatuses.Applied, "the restored entity is live again");
    }

    [Fact]
    public async Task A_restore_needs_a_live_parent()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateFolder(ws, "c", "f"), TestMutations.Create(ws, EntityKinds.Request, "r", "f", v1),
            TestMutations.Delete(ws, EntityKinds.Request, "r", 1), TestMutations.Delete(ws, EntityKinds.Folder, "f", 1));

        var restore = await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "f", v1, 2));
        var elsewhere = await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", v1, 2));

        restore.Code.Should().Be(ErrorCodes.InvalidParent);
        restore.Message.Should().Contain("restored");
        elsewhere.Status.Should().Be(MutationStatuses.Applied, "the same restore under a live parent works");
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    [InlineData("\"text\"")]
    public async Task A_base_body_that_is_not_a_JSON_object_is_invalid_request_and_harms_nothing_else(string baseBody)
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));

        var results = await a.MutateAsync(StaleUpdate(ws, "r", "c", v1, 1, "c", baseBody), TestMutations.CreateCollection(ws, "after"));

        results[0].Code.Should().Be(ErrorCodes.InvalidRequest);
        results[0].Message.Should().Contain("baseBody");
        results[1].Status.Should().Be(MutationStatuses.Applied, "the rest of the batch and the connection are unharmed");
    }

    [Fact]
    public async Task A_malformed_base_parent_id_is_invalid_request()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));

        var result = await a.MutateOneAsync(StaleUpdate(ws, "r", "c", v1, 1, "no spaces/allowed", v1));

        result.Code.Should().Be(ErrorCodes.InvalidRequest);
        result.Message.Should().Contain("baseParentId");
    }

    [Fact]
    public async Task A_base_body_over_the_body_limit_is_payload_too_large()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        var v1 = Request("Login", "https://x.test/");
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        var huge = TestMutations.Body(new string('x', 1024 * 1024));

        var result = await a.MutateOneAsync(StaleUpdate(ws, "r", "c", v1, 1, "c", huge));

        result.Code.Should().Be(ErrorCodes.PayloadTooLarge);
        (await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", v1, 1))).Status.Should().Be(MutationStatuses.Applied);
    }

    [Fact]
    public async Task A_merge_that_would_make_a_body_over_the_limit_is_a_conflict_and_stores_nothing()
    {
        await using var small = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxBodyBytes"] = "2048" });
        var session = await TestAccounts.CreateAsync(small.BaseUrl);
        await using var a = await RawHubClient.ConnectAsync(small.BaseUrl, session);
        var ws = session.WorkspaceId;
        string Body(string? description, string? testScript) =>
            TestMutations.Body("Login", new Dictionary<string, object?> { ["method"] = "GET", ["url"] = "https://x.test/", ["description"] = description, ["testScript"] = testScript });
        var v1 = Body(null, null);
        await a.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        // Each edit alone is well within 2048 bytes; merged, the two fields are not.
        (await a.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", Body(new string('d', 1200), null), 1))).Status.Should().Be(MutationStatuses.Applied);

        var result = await a.MutateOneAsync(StaleUpdate(ws, "r", "c", Body(null, new string('t', 1200)), 1, "c", v1));
        var head = (await a.GetChangesAsync(ws, 0, 10)).HeadSeq;

        result.Status.Should().Be(MutationStatuses.Conflict);
        result.Message.Should().Contain("over the limit of 2048 bytes");
        head.Should().Be(3, "the collection, the request and the first edit; nothing of the refused merge");
    }
}
