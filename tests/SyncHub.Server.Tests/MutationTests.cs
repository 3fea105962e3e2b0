using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class MutationTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private Uri BaseUrl => hub.BaseUrl;

    [Theory]
    [InlineData(HubWireProtocol.Json)]
    [InlineData(HubWireProtocol.MessagePack)]
    public async Task An_applied_mutation_is_pushed_to_another_device_and_not_echoed_to_its_sender(HubWireProtocol protocol)
    {
        var first = await TestAccounts.CreateAsync(BaseUrl);
        var second = await TestAccounts.SignInAsync(BaseUrl, first);
        await using var sender = await RawHubClient.ConnectAsync(BaseUrl, first, protocol);
        await using var receiver = await RawHubClient.ConnectAsync(BaseUrl, second, protocol);
        using var senderPushes = new ChangesRecorder(sender);
        using var receiverPushes = new ChangesRecorder(receiver);
        await sender.SubscribeAsync(first.WorkspaceId);
        await receiver.SubscribeAsync(first.WorkspaceId);

        var create = TestMutations.CreateCollection(first.WorkspaceId, "col-1", "Payments API");
        var result = await sender.MutateOneAsync(create);

        result.Status.Should().Be(MutationStatuses.Applied);
        result.Seq.Should().Be(1);
        result.Version.Should().Be(1);
        var pushed = await receiverPushes.WaitForSeqAsync(first.WorkspaceId, 1);
        pushed.Should().BeEquivalentTo(new
        {
            Seq = 1L,
            Op = MutationOps.Create,
            Kind = EntityKinds.Collection,
            EntityId = "col-1",
            ParentId = (string?)null,
            create.Body,
            Version = 1L,
            create.MutationId,
            DeviceId = first.DeviceId,
        });
        pushed.Timestamp.Should().BeGreaterThan(0);

        // Pushes go out in seq order, so once the sender has seq 2 (made by the other device) it would have had seq 1 if it were echoed.
        (await receiver.MutateOneAsync(TestMutations.CreateFolder(first.WorkspaceId, "col-1"))).Status.Should().Be(MutationStatuses.Applied);
        await senderPushes.WaitForSeqAsync(first.WorkspaceId, 2);
        senderPushes.Changes.Select(c => c.Seq).Should().Equal(2);
        receiverPushes.Changes.Select(c => c.Seq).Should().Equal(1);
    }

    [Fact]
    public async Task Mutations_of_one_call_are_applied_in_order_with_consecutive_seqs_and_versions()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;

        var results = await connection.MutateAsync(
            TestMutations.CreateCollection(ws, "c"),
            TestMutations.CreateFolder(ws, "c", "f"),
            TestMutations.CreateRequest(ws, "f", "r"),
            TestMutations.Update(ws, EntityKinds.Request, "r", "c", TestMutations.Body("moved"), 1),
            TestMutations.Delete(ws, EntityKinds.Request, "r", 2));

        results.Select(r => r.Status).Should().AllBe(MutationStatuses.Applied);
        results.Select(r => r.Seq).Should().Equal(1, 2, 3, 4, 5);
        results.Select(r => r.Version).Should().Equal(1, 1, 1, 2, 3);
        var changes = await connection.GetAllChangesAsync(ws);
        changes[3].ParentId.Should().Be("c");
        changes[4].Should().BeEquivalentTo(new { Op = MutationOps.Delete, Body = (string?)null, ParentId = "c", Version = 3L });
    }

    [Fact]
    public async Task A_resent_mutation_id_returns_the_first_result_and_changes_nothing()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var create = TestMutations.CreateCollection(session.WorkspaceId, "c");

        var first = await connection.MutateOneAsync(create);
        var again = await connection.MutateAsync(create, create);
        await using var other = await RawHubClient.ConnectAsync(BaseUrl, session);
        var fromOtherConnection = await other.MutateOneAsync(create);

        first.Status.Should().Be(MutationStatuses.Applied);
        again.Append(fromOtherConnection).Should().AllBeEquivalentTo(first);
        var page = await connection.GetChangesAsync(session.WorkspaceId, 0, 100);
        page.Changes.Should().ContainSingle();
        page.HeadSeq.Should().Be(1);
    }

    [Fact]
    public async Task Each_refused_mutation_gets_its_code_and_the_connection_stays_usable()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        (await connection.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateFolder(ws, "c", "f"), TestMutations.CreateRequest(ws, "f", "r")))
            .Should().OnlyContain(r => r.Status == MutationStatuses.Applied);
        (await connection.MutateOneAsync(TestMutations.Delete(ws, EntityKinds.Folder, "f", 1))).Status.Should().Be(MutationStatuses.Applied);

        var cases = new (Mutation Mutation, string Code)[]
        {
            (TestMutations.Create(ws, EntityKinds.Collection, "x1", null, "{not json"), ErrorCodes.MalformedBody),
            (TestMutations.Create(ws, EntityKinds.Collection, "x2", null, "[1]"), ErrorCodes.MalformedBody),
            (TestMutations.Create(ws, EntityKinds.Collection, "x3", null, null), ErrorCodes.MalformedBody),
            (TestMutations.Create(ws, EntityKinds.Collection, "x4", null, "{\"name\":\"\"}"), ErrorCodes.InvalidEntity),
            (TestMutations.Create(ws, EntityKinds.Request, "x5", "c", "{\"name\":\"r\",\"url\":5}"), ErrorCodes.InvalidEntity),
            (TestMutations.Create(ws, "environment-of-mars", "x6", null, TestMutations.Body("n")), ErrorCodes.UnknownKind),
            (TestMutations.Update(ws, EntityKinds.Collection, "never-made", null, TestMutations.Body("n"), 1), ErrorCodes.NotFound),
            (TestMutations.Delete(ws, EntityKinds.Collection, "never-made", 1), ErrorCodes.NotFound),
            (TestMutations.CreateCollection(ws, "c"), ErrorCodes.AlreadyExists),
            (TestMutations.CreateFolder(ws, "f", "f-again"), ErrorCodes.InvalidParent),
            (TestMutations.CreateFolder(ws, "no-such-parent"), ErrorCodes.InvalidParent),
            (TestMutations.CreateFolder(ws, "r"), ErrorCodes.InvalidParent),
            (TestMutations.Create(ws, EntityKinds.Folder, "x7", null, TestMutations.Body("orphan")), ErrorCodes.InvalidParent),
            (TestMutations.Create(ws, EntityKinds.Collection, "x8", "c", TestMutations.Body("nested collection")), ErrorCodes.InvalidParent),
            (TestMutations.Update(ws, EntityKinds.Collection, "c", "f", TestMutations.Body("x"), 1), ErrorCodes.InvalidParent),
            (TestMutations.Update(ws, EntityKinds.Folder, "c", "c", TestMutations.Body("kind change"), 1), ErrorCodes.InvalidRequest),
            (TestMutations.Create(ws, EntityKinds.Collection, "bad id!", null, TestMutations.Body("n")), ErrorCodes.InvalidRequest),
            (WithOp(TestMutations.CreateCollection(ws), "upsert"), ErrorCodes.InvalidRequest),
            (WithBase(TestMutations.CreateCollection(ws), 3), ErrorCodes.InvalidRequest),
        };

        foreach (var (mutation, code) in cases)
        {
            var result = await connection.MutateOneAsync(mutation);
            result.Should().BeEquivalentTo(new { mutation.MutationId, Status = MutationStatuses.Rejected, Code = code }, $"{mutation.Op} {mutation.Kind} {mutation.EntityId} should be {code}");
            result.Message.Should().NotBeNullOrWhiteSpace();
            (await connection.MutateOneAsync(TestMutations.CreateCollection(ws))).Status.Should().Be(MutationStatuses.Applied, $"the connection should still work after {code}");
        }
    }

    [Fact]
    public async Task A_move_below_itself_is_an_invalid_parent()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        await connection.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.CreateFolder(ws, "c", "a"), TestMutations.CreateFolder(ws, "a", "b"));

        var result = await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Folder, "a", "b", TestMutations.Body("a"), 1));

        result.Code.Should().Be(ErrorCodes.InvalidParent);
    }

    [Fact]
    public async Task A_stale_base_version_is_a_conflict_carrying_the_hubs_entity()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        await connection.MutateOneAsync(TestMutations.CreateCollection(ws, "c", "v1"));
        var v2 = TestMutations.Body("v2");
        (await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Collection, "c", null, v2, 1))).Version.Should().Be(2);

        var stale = await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Collection, "c", null, TestMutations.Body("mine"), 1));

        stale.Status.Should().Be(MutationStatuses.Conflict);
        stale.Code.Should().Be(ErrorCodes.Conflict);
        stale.Current.Should().BeEquivalentTo(new EntityState { EntityId = "c", Kind = EntityKinds.Collection, ParentId = null, Body = v2, Version = 2, Deleted = false });
        (await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Collection, "c", null, TestMutations.Body("v3"), 2))).Status.Should().Be(MutationStatuses.Applied);
    }

    [Fact]
    public async Task An_edit_made_before_a_delete_is_a_conflict_with_its_tombstone()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var ws = session.WorkspaceId;
        await connection.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Delete(ws, EntityKinds.Collection, "c", 1));

        // Made on version 1, before the delete at 2 (an update on version 2 restores it: see MergeTests).
        var edit = await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Collection, "c", null, TestMutations.Body("back"), 1));
        var recreate = await connection.MutateOneAsync(TestMutations.CreateCollection(ws, "c"));

        edit.Status.Should().Be(MutationStatuses.Conflict);
        edit.Current.Should().BeEquivalentTo(new { Deleted = true, Version = 2L, Body = (string?)null });
        recreate.Code.Should().Be(ErrorCodes.AlreadyExists);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_default_1_MiB_limit_is_payload_too_large()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);
        var limit = 1024 * 1024;

        var atLimit = await connection.MutateOneAsync(TestMutations.Create(session.WorkspaceId, EntityKinds.Collection, "at-limit", null, BodyOfBytes(limit)));
        var overLimit = await connection.MutateOneAsync(TestMutations.Create(session.WorkspaceId, EntityKinds.Collection, "over-limit", null, BodyOfBytes(limit + 1)));

        atLimit.Status.Should().Be(MutationStatuses.Applied);
        overLimit.Code.Should().Be(ErrorCodes.PayloadTooLarge);
        (await connection.MutateOneAsync(TestMutations.CreateCollection(session.WorkspaceId))).Status.Should().Be(MutationStatuses.Applied);
    }

    [Fact]
    public async Task A_body_over_a_configured_limit_counts_utf8_bytes_not_characters()
    {
        await using var small = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxBodyBytes"] = "2048" });
        var session = await TestAccounts.CreateAsync(small.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(small.BaseUrl, session);

        // 1000 two-byte characters: under the limit in characters, over it in bytes.
        var body = TestMutations.Body(new string('é', 1100));
        var result = await connection.MutateOneAsync(TestMutations.Create(session.WorkspaceId, EntityKinds.Collection, "c", null, body));
        var subscribe = await connection.SubscribeAsync(session.WorkspaceId);

        result.Code.Should().Be(ErrorCodes.PayloadTooLarge);
        subscribe.Limits.MaxBodyBytes.Should().Be(2048);
        (await connection.MutateOneAsync(TestMutations.CreateCollection(session.WorkspaceId))).Status.Should().Be(MutationStatuses.Applied);
    }

    [Fact]
    public async Task An_empty_or_oversized_batch_fails_the_call_and_the_connection_stays_usable()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, session);

        await connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, Array.Empty<Mutation>()).ShouldFailWithCodeAsync(ErrorCodes.InvalidRequest);
        await connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, (Mutation[]?)null).ShouldFailWithCodeAsync(ErrorCodes.InvalidRequest);
        var tooMany = Enumerable.Range(0, 101).Select(_ => TestMutations.CreateCollection(session.WorkspaceId)).ToArray();
        await connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, tooMany).ShouldFailWithCodeAsync(ErrorCodes.PayloadTooLarge);

        (await connection.MutateAsync(tooMany[..100])).Should().OnlyContain(r => r.Status == MutationStatuses.Applied);
        (await connection.GetChangesAsync(session.WorkspaceId, 0, 500)).HeadSeq.Should().Be(100);
    }

    [Fact]
    public async Task Another_accounts_workspace_is_forbidden_on_subscribe_mutate_and_get_changes()
    {
        var owner = await TestAccounts.CreateAsync(BaseUrl);
        var intruder = await TestAccounts.CreateAsync(BaseUrl);
        await using var ownerConnection = await RawHubClient.ConnectAsync(BaseUrl, owner);
        await ownerConnection.MutateOneAsync(TestMutations.CreateCollection(owner.WorkspaceId, "c"));
        await using var connection = await RawHubClient.ConnectAsync(BaseUrl, intruder);
        using var pushes = new ChangesRecorder(connection);

        await connection.SubscribeAsync(owner.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await connection.SubscribeAsync(intruder.WorkspaceId, owner.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await connection.GetChangesAsync(owner.WorkspaceId, 0, 10).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        await connection.StreamChangesAsync(owner.WorkspaceId, 0).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
        var mutate = await connection.MutateAsync(
            TestMutations.Update(owner.WorkspaceId, EntityKinds.Collection, "c", null, TestMutations.Body("mine now"), 1),
            TestMutations.CreateCollection(intruder.WorkspaceId));
        var missing = await connection.MutateOneAsync(TestMutations.CreateCollection("no-such-workspace"));

        mutate[0].Code.Should().Be(ErrorCodes.Forbidden);
        mutate[1].Status.Should().Be(MutationStatuses.Applied, "a forbidden mutation does not stop the ones after it");
        missing.Code.Should().Be(ErrorCodes.Forbidden, "a workspace that does not exist gets the same answer");
        missing.Message!.Replace("no-such-workspace", "X", StringComparison.Ordinal)
            .Should().Be(mutate[0].Message!.Replace(owner.WorkspaceId, "X", StringComparison.Ordinal));
        (await ownerConnection.GetChangesAsync(owner.WorkspaceId, 0, 10)).Changes.Should().ContainSingle();
        await connection.SubscribeAsync(intruder.WorkspaceId);
        (await ownerConnection.MutateOneAsync(TestMutations.CreateCollection(owner.WorkspaceId))).Status.Should().Be(MutationStatuses.Applied);
        (await connection.MutateOneAsync(TestMutations.CreateCollection(intruder.WorkspaceId))).Seq.Should().Be(2);
        pushes.Changes.Should().BeEmpty();
    }

    private static string BodyOfBytes(int bytes)
    {
        const string prefix = "{\"name\":\"big\",\"pad\":\"";
        const string suffix = "\"}";
        var body = prefix + new string('a', bytes - prefix.Length - suffix.Length) + suffix;
        Encoding.UTF8.GetByteCount(body).Should().Be(bytes);
        return body;
    }

    private static Mutation WithOp(Mutation m, string op)
    {
        m.Op = op;
        return m;
    }

    private static Mutation WithBase(Mutation m, long baseVersion)
    {
        m.BaseVersion = baseVersion;
        return m;
    }
}
