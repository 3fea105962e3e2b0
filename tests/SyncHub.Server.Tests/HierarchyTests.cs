using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class HierarchyTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private Uri BaseUrl => hub.BaseUrl;

    [Theory]
    [InlineData(HubWireProtocol.Json)]
    [InlineData(HubWireProtocol.MessagePack)]
    public async Task Deleting_a_collection_deletes_every_descendant_in_one_change_that_pages_pushes_snapshots_and_retries_agree_on(HubWireProtocol protocol)
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        var other = await TestAccounts.SignInAsync(BaseUrl, session);
        await using var writer = await RawHubClient.ConnectAsync(BaseUrl, session, protocol);
        await using var receiver = await RawHubClient.ConnectAsync(BaseUrl, other, protocol);
        using var pushes = new ChangesRecorder(receiver);
        var ws = session.WorkspaceId;
        await writer.SubscribeAsync(ws);
        await receiver.SubscribeAsync(ws);

        var setup = await writer.MutateAsync(
            TestMutations.CreateCollection(ws, "c"),
            TestMutations.CreateFolder(ws, "c", "f"),
            TestMutations.CreateFolder(ws, "f", "f2"),
            TestMutations.CreateRequest(ws, "f2", "r"),
            TestMutations.Create(ws, EntityKinds.Response, "resp", "r", """{"name":"OK","code":200}"""),
            TestMutations.Create(ws, EntityKinds.CollectionRun, "run", "c", """{"startedAt":1}"""),
            TestMutations.CreateRequest(ws, "c", "r2"),
            TestMutations.Update(ws, EntityKinds.Request, "r2", "c", TestMutations.Body("r2 v2", new Dictionary<string, object?> { ["method"] = "GET", ["url"] = "https://x.test/" }), 1),
            TestMutations.CreateCollection(ws, "keep"),
            TestMutations.CreateRequest(ws, "keep", "kept"));
        setup.Select(r => r.Status).Should().AllBe(MutationStatuses.Applied);

        var delete = TestMutations.Delete(ws, EntityKinds.Collection, "c", 1);
        var result = await writer.MutateOneAsync(delete);

        result.Status.Should().Be(MutationStatuses.Applied);
        result.Seq.Should().Be(11, "the whole cascade is one change with one seq");
        result.Version.Should().Be(2);
        CascadedDelete[] expected =
        [
            new() { EntityId = "f", Kind = EntityKinds.Folder, ParentId = "c", Version = 2 },
            new() { EntityId = "f2", Kind = EntityKinds.Folder, ParentId = "f", Version = 2 },
            new() { EntityId = "r", Kind = EntityKinds.Request, ParentId = "f2", Version = 2 },
            new() { EntityId = "resp", Kind = EntityKinds.Response, ParentId = "r", Version = 2 },
            new() { EntityId = "run", Kind = EntityKinds.CollectionRun, ParentId = "c", Version = 2 },
            new() { EntityId = "r2", Kind = EntityKinds.Request, ParentId = "c", Version = 3 },
        ];

        var pushed = await pushes.WaitForSeqAsync(ws, 11);
        pushed.Op.Should().Be(MutationOps.Delete);
        pushed.EntityId.Should().Be("c");
        pushed.Cascade.Should().BeEquivalentTo(expected);

        var logged = (await writer.GetAllChangesAsync(ws)).Should().ContainSingle(c => c.Seq == 11).Which;
        logged.Cascade.Should().BeEquivalentTo(expected, "the change log keeps the cascade for devices that pull");
        (await writer.GetAllChangesAsync(ws)).Should().HaveCount(11, "no extra change per descendant");

        var snapshot = (await writer.StreamSnapshotAsync(ws)).SelectMany(p => p.Entities).Select(e => e.EntityId);
        snapshot.Should().BeEquivalentTo(["keep", "kept"]);

        var retry = await writer.MutateOneAsync(delete);
        retry.Should().BeEquivalentTo(result, "the same mutationId returns the first result");
        (await writer.GetAllChangesAsync(ws)).Should().HaveCount(11, "a retry changes nothing");

        var edit = await writer.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "f2", TestMutations.Body("late", new Dictionary<string, object?> { ["method"] = "GET", ["url"] = "https://x.test/" }), 1));
        edit.Status.Should().Be(MutationStatuses.Conflict, "an edit of a cascaded descendant meets its tombstone");
        edit.Current!.Deleted.Should().BeTrue();
        edit.Current.Version.Should().Be(2);
        (await writer.MutateOneAsync(TestMutations.CreateRequest(ws, "f", "orphan"))).Code.Should().Be(ErrorCodes.InvalidParent);
    }

    [Fact]
    public async Task Deleting_an_environment_deletes_its_variables_and_nothing_else()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        (await connection.MutateAsync(
            TestMutations.Create(ws, EntityKinds.Environment, "env", null, """{"name":"Staging"}"""),
            TestMutations.Create(ws, EntityKinds.EnvironmentVariable, "v1", "env", """{"key":"a","value":"1"}"""),
            TestMutations.Create(ws, EntityKinds.EnvironmentVariable, "v2", "env", """{"key":"b","value":"2","type":"secret"}"""),
            TestMutations.Create(ws, EntityKinds.GlobalVariable, "g", null, """{"key":"region","value":"eu"}""")))
            .Select(r => r.Status).Should().AllBe(MutationStatuses.Applied);

        var result = await connection.MutateOneAsync(TestMutations.Delete(ws, EntityKinds.Environment, "env", 1));

        result.Status.Should().Be(MutationStatuses.Applied);
        var change = (await connection.GetAllChangesAsync(ws)).Single(c => c.Seq == result.Seq);
        change.Cascade!.Select(d => (d.EntityId, d.Kind, d.ParentId, d.Version)).Should().BeEquivalentTo(
            [("v1", EntityKinds.EnvironmentVariable, (string?)"env", 2L), ("v2", EntityKinds.EnvironmentVariable, (string?)"env", 2L)]);
        (await connection.StreamSnapshotAsync(ws)).SelectMany(p => p.Entities).Select(e => e.EntityId).Should().Equal("g");
    }

    [Fact]
    public async Task A_delete_of_an_entity_without_children_carries_no_cascade()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        await connection.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateRequest(ws, "c", "r"));

        var result = await connection.MutateOneAsync(TestMutations.Delete(ws, EntityKinds.Request, "r", 1));

        (await connection.GetAllChangesAsync(ws)).Single(c => c.Seq == result.Seq).Cascade.Should().BeNull();
        (await connection.StreamSnapshotAsync(ws)).SelectMany(p => p.Entities).Select(e => e.EntityId).Should().Equal("c");
    }

    [Fact]
    public async Task A_parent_that_is_missing_deleted_of_the_wrong_kind_or_in_another_workspace_is_refused_and_the_connection_stays_usable()
    {
        var ada = await TestAccounts.CreateAsync(BaseUrl, TestAccounts.NewUsername("ada"));
        var bob = await TestAccounts.CreateAsync(BaseUrl, TestAccounts.NewUsername("bob"));
        await using var adaHub = await RawHubClient.ConnectAsync(BaseUrl, ada);
        await using var bobHub = await RawHubClient.ConnectAsync(BaseUrl, bob);
        var ws = ada.WorkspaceId;
        (await bobHub.MutateOneAsync(TestMutations.CreateCollection(bob.WorkspaceId, "bobs"))).Status.Should().Be(MutationStatuses.Applied);
        (await adaHub.MutateAsync(
            TestMutations.CreateCollection(ws, "c"),
            TestMutations.CreateRequest(ws, "c", "r"),
            TestMutations.Create(ws, EntityKinds.Environment, "env", null, """{"name":"E"}"""),
            TestMutations.CreateFolder(ws, "c", "gone"),
            TestMutations.Delete(ws, EntityKinds.Folder, "gone", 1)))
            .Select(r => r.Status).Should().AllBe(MutationStatuses.Applied);

        var results = await adaHub.MutateAsync(
            TestMutations.CreateRequest(ws, "bobs", "x1"),
            TestMutations.CreateFolder(ws, "nowhere", "x2"),
            TestMutations.CreateFolder(ws, "gone", "x3"),
            TestMutations.Create(ws, EntityKinds.Response, "x4", "c", """{"name":"OK"}"""),
            TestMutations.Create(ws, EntityKinds.EnvironmentVariable, "x5", "c", """{"key":"k"}"""),
            TestMutations.CreateFolder(ws, "r", "x6"),
            TestMutations.Create(ws, EntityKinds.Environment, "x7", "env", """{"name":"nested"}"""),
            TestMutations.Create(ws, EntityKinds.CollectionRun, "x8", "env", """{"startedAt":1}"""));

        results.Select(r => r.Code).Should().AllBe(ErrorCodes.InvalidParent);
        results.Select(r => r.Message).Should().OnlyContain(m => !string.IsNullOrWhiteSpace(m));
        results[0].Message.Should().Contain("does not exist in this workspace", "another account's id is unknown here, and nothing says more");
        results[0].Message.Should().NotContain("collection", "nothing about bob's entity leaks");
        (await adaHub.GetAllChangesAsync(ws)).Should().HaveCount(5, "nothing refused was stored");
        (await bobHub.GetAllChangesAsync(bob.WorkspaceId)).Should().HaveCount(1);

        var after = await adaHub.MutateOneAsync(TestMutations.CreateFolder(ws, "c", "ok"));
        after.Status.Should().Be(MutationStatuses.Applied, "the connection stays usable");
        after.Seq.Should().Be(6);
    }
}
