using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SyncHub.Protocol;
using SyncHub.Server.Redis;
using SyncHub.Server.Storage;
using SyncHub.Testing;

namespace SyncHub.Server.Tests.Redis;

/// <summary>
/// The Redis change store as two nodes see it: two store instances (each with its own replica cache) on one Redis and one
/// key prefix. The behaviour every store shares is tested through the hub in both store runs; these are what only the
/// optimistic, conditional commit on Redis has to get right.
/// </summary>
[Trait("Store", "Redis")]
public sealed class RedisChangeStoreTests : IAsyncLifetime
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}";
    private RedisServer _redis = null!;
    private readonly List<RedisConnection> _connections = [];

    public async Task InitializeAsync() => _redis = await RedisServer.SharedAsync();

    public Task DisposeAsync()
    {
        foreach (var connection in _connections) connection.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_nodes_writing_one_workspace_at_once_give_every_change_one_seq_with_no_gap_or_duplicate()
    {
        var (a, b) = (Node(), Node());
        var ws = await NewWorkspaceAsync();
        var root = TestMutations.CreateCollection(ws, "col");
        (await a.ApplyAsync([Pending(root)], CancellationToken.None))[0].Result.Status.Should().Be(MutationStatuses.Applied);

        // Each node commits batches of creates under the same collection at the same time: every commit but one per
        // round loses the race on the head and has to apply again on the other node's changes.
        var mutations = Enumerable.Range(0, 200).Select(i => TestMutations.CreateRequest(ws, "col", $"req-{i}")).ToList();
        var onA = mutations.Where((_, i) => i % 2 == 0).Chunk(5).ToList();
        var onB = mutations.Where((_, i) => i % 2 == 1).Chunk(5).ToList();
        var results = await Task.WhenAll(
            Task.Run(() => RunAsync(a, onA)),
            Task.Run(() => RunAsync(b, onB))).WaitAsync(TestTimeouts.Default);

        var all = results.SelectMany(r => r).ToList();
        all.Should().HaveCount(200).And.OnlyContain(r => r.Status == MutationStatuses.Applied);
        all.Select(r => r.Seq).Order().Should().Equal(Enumerable.Range(2, 200).Select(i => (long)i));
        var page = await a.GetChangesAsync(ws, 0, 1000, CancellationToken.None);
        page.HeadSeq.Should().Be(201);
        page.Changes.Select(c => c.Seq).Should().Equal(Enumerable.Range(1, 201).Select(i => (long)i));
        page.Changes.Skip(1).Select(c => c.EntityId).Should().BeEquivalentTo(mutations.Select(m => m.EntityId));
    }

    [Fact]
    public async Task A_node_whose_copy_is_stale_still_detects_the_conflict_made_on_the_other_node()
    {
        var (a, b) = (Node(), Node());
        var ws = await NewWorkspaceAsync();
        var create = TestMutations.CreateCollection(ws, "col", "One");
        await a.ApplyAsync([Pending(create)], CancellationToken.None);

        // b edits at version 1, then a (whose copy still says version 1) gets a delete made on version 1.
        var rename = TestMutations.Update(ws, EntityKinds.Collection, "col", null, TestMutations.Body("Two"), baseVersion: 1);
        (await b.ApplyAsync([Pending(rename)], CancellationToken.None))[0].Result.Version.Should().Be(2);
        var delete = TestMutations.Delete(ws, EntityKinds.Collection, "col", baseVersion: 1);
        var answer = (await a.ApplyAsync([Pending(delete)], CancellationToken.None))[0].Result;

        answer.Status.Should().Be(MutationStatuses.Conflict);
        answer.Current!.Version.Should().Be(2);
        answer.Current.Body.Should().Contain("Two");
        (await a.GetHeadSeqAsync(ws, CancellationToken.None)).Should().Be(2);
    }

    [Fact]
    public async Task A_mutation_resent_to_the_other_node_gets_its_first_answer_and_changes_nothing()
    {
        var (a, b) = (Node(), Node());
        var ws = await NewWorkspaceAsync();
        var create = TestMutations.CreateCollection(ws, "col");
        var first = (await a.ApplyAsync([Pending(create)], CancellationToken.None))[0];

        var again = (await b.ApplyAsync([Pending(create)], CancellationToken.None))[0];

        again.Change.Should().BeNull();
        again.Result.Should().BeEquivalentTo(first.Result);
        (await b.GetHeadSeqAsync(ws, CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task A_delete_on_one_node_cascades_over_children_the_other_node_created()
    {
        var (a, b) = (Node(), Node());
        var ws = await NewWorkspaceAsync();
        await a.ApplyAsync([Pending(TestMutations.CreateCollection(ws, "col"))], CancellationToken.None);
        await b.ApplyAsync([Pending(TestMutations.CreateFolder(ws, "col", "folder")), Pending(TestMutations.CreateRequest(ws, "folder", "req"))], CancellationToken.None);

        var delete = (await a.ApplyAsync([Pending(TestMutations.Delete(ws, EntityKinds.Collection, "col", 1))], CancellationToken.None))[0];

        delete.Change!.Cascade!.Select(d => d.EntityId).Should().BeEquivalentTo(["folder", "req"]);
        var underDeleted = (await b.ApplyAsync([Pending(TestMutations.CreateRequest(ws, "folder", "late"))], CancellationToken.None))[0];
        underDeleted.Result.Code.Should().Be(ErrorCodes.InvalidParent);
    }

    [Fact]
    public async Task A_workspace_that_does_not_exist_in_redis_is_refused_as_forbidden()
    {
        var a = Node();
        var answer = (await a.ApplyAsync([Pending(TestMutations.CreateCollection("ws-nowhere"))], CancellationToken.None))[0];

        answer.Result.Code.Should().Be(ErrorCodes.Forbidden);
        (await a.GetHeadSeqAsync("ws-nowhere", CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task While_redis_does_not_answer_mutations_are_answered_unavailable_and_a_resend_applies_them_once()
    {
        await using var own = await RedisServer.StartAsync();
        var a = Node(own);
        var ws = await NewWorkspaceAsync(own);
        await a.ApplyAsync([Pending(TestMutations.CreateCollection(ws, "col"))], CancellationToken.None);
        var folder = TestMutations.CreateFolder(ws, "col", "f1");

        await own.PauseAsync();
        IReadOnlyList<MutationOutcome> during;
        try
        {
            during = await a.ApplyAsync([Pending(folder)], CancellationToken.None).WaitAsync(TestTimeouts.Default);
        }
        finally
        {
            await own.ResumeAsync();
        }

        during[0].Change.Should().BeNull();
        during[0].Result.Code.Should().Be(ErrorCodes.Unavailable);
        during[0].Result.Message.Should().Contain("outbox");
        // The outcome was unknown to the hub (the commit may have reached Redis before the answer timed out): the device
        // resends the same mutation id, which is applied exactly once either way, whole, right after the first change.
        var after = await RetryUntilAnsweredAsync(a, folder);
        after.Result.Status.Should().Be(MutationStatuses.Applied);
        after.Result.Seq.Should().Be(2);
        var page = await a.GetChangesAsync(ws, 0, 100, CancellationToken.None);
        page.Changes.Select(c => c.EntityId).Should().Equal("col", "f1");
        page.HeadSeq.Should().Be(2);
    }

    private static async Task<MutationOutcome> RetryUntilAnsweredAsync(RedisChangeStore store, Mutation mutation)
    {
        // The multiplexer reconnects in the background; until it has, the store keeps answering 'unavailable'.
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        while (true)
        {
            var outcome = (await store.ApplyAsync([Pending(mutation)], CancellationToken.None).WaitAsync(TestTimeouts.Default))[0];
            if (outcome.Result.Code != ErrorCodes.Unavailable) return outcome;
            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<List<MutationResult>> RunAsync(RedisChangeStore store, List<Mutation[]> batches)
    {
        var results = new List<MutationResult>();
        foreach (var batch in batches)
        {
            results.AddRange((await store.ApplyAsync([.. batch.Select(Pending)], CancellationToken.None)).Select(o => o.Result));
        }
        return results;
    }

    private static PendingMutation Pending(Mutation mutation) => new(mutation, "dev-test");

    private RedisChangeStore Node(RedisServer? server = null)
    {
        var options = Options.Create(new SyncHubOptions { Redis = (server ?? _redis).ConfigurationString, RedisPrefix = _prefix });
        var connection = new RedisConnection(options);
        _connections.Add(connection);
        return new RedisChangeStore(connection, TimeProvider.System, options, NullLogger<RedisChangeStore>.Instance);
    }

    // The account store makes a workspace's meta key; these tests make it directly.
    private async Task<string> NewWorkspaceAsync(RedisServer? server = null)
    {
        var ws = $"ws-{Guid.NewGuid():N}";
        using var mux = await ConnectionMultiplexer.ConnectAsync((server ?? _redis).ConfigurationString);
        await mux.GetDatabase().HashSetAsync(new RedisKeys(_prefix).WorkspaceMeta(ws), "name", "test");
        return ws;
    }
}
