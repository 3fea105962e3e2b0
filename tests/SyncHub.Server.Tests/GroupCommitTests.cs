using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;
using SyncHub.Server.Commit;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Sqlite;
using SyncHub.Server.Storage;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Mutate_calls_waiting_while_a_commit_runs_share_the_next_commit()
    {
        // SignalR runs one invocation per connection at a time, so concurrency across the hub comes from connections.
        const int ConnectionCount = 20;
        const int CallsPerConnection = 10;
        var gate = new GatedChangeStore.Gate();
        await using var hub = await HubHost.StartAsync(builder => builder.Services.AddSingleton<IChangeStore>(
            sp => new GatedChangeStore(ActivatorUtilities.CreateInstance<SqliteChangeStore>(sp), gate)), store: HubStore.Sqlite);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var connections = await Task.WhenAll(Enumerable.Range(0, ConnectionCount).Select(_ => RawHubClient.ConnectAsync(hub.BaseUrl, session)));
        var channel = hub.Services.GetRequiredService<MutationCommitChannel>();
        var metrics = hub.Services.GetRequiredService<SyncHubMetrics>();
        var commitsBefore = metrics.Commits;
        try
        {
            // The first call holds the writer inside its commit; one call of every other connection queues behind it.
            var firstCall = connections[0].MutateOneAsync(TestMutations.CreateCollection(session.WorkspaceId));
            await gate.Entered.WaitAsync(TestTimeouts.Default);
            var calls = Enumerable.Range(1, ConnectionCount * CallsPerConnection - 1)
                .Select(i => connections[i % ConnectionCount].MutateOneAsync(TestMutations.CreateCollection(session.WorkspaceId, $"c{i}")))
                .ToList();
            await TestWait.UntilAsync(() => channel.WaitingCalls == ConnectionCount - 1, "a Mutate call of every other connection to queue");
            gate.Open();

            var results = await Task.WhenAll(calls.Prepend(firstCall)).WaitAsync(TestTimeouts.Default);

            results.Should().OnlyContain(r => r.Status == MutationStatuses.Applied);
            results.Select(r => r.Seq).Order().Should().Equal(Enumerable.Range(1, ConnectionCount * CallsPerConnection).Select(n => (long)n));
            metrics.LargestCommitBatch.Should().BeGreaterThanOrEqualTo(ConnectionCount - 1, "the calls that waited were committed together");
            (metrics.Commits - commitsBefore).Should().BeLessThanOrEqualTo(ConnectionCount * CallsPerConnection - (ConnectionCount - 2));
        }
        finally
        {
            gate.Open();
            foreach (var c in connections) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_writers_on_several_connections_get_seqs_without_gaps_and_share_commits()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxDevicesPerAccount"] = "4" }, store: HubStore.Sqlite);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var devices = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => TestAccounts.SignInAsync(hub.BaseUrl, session, $"device {i}")));
        var connections = await Task.WhenAll(devices.Append(session).Select(d => RawHubClient.ConnectAsync(hub.BaseUrl, d)));
        var metrics = hub.Services.GetRequiredService<SyncHubMetrics>();
        try
        {
            var ws = session.WorkspaceId;
            var calls = connections.SelectMany((connection, c) => Enumerable.Range(0, 50).Select(i =>
                connection.MutateAsync(TestMutations.CreateCollection(ws, $"d{c}-{i}a"), TestMutations.CreateCollection(ws, $"d{c}-{i}b"))));
            var results = (await Task.WhenAll(calls).WaitAsync(TestTimeouts.Default)).SelectMany(r => r).ToList();

            results.Should().HaveCount(400).And.OnlyContain(r => r.Status == MutationStatuses.Applied);
            results.Select(r => r.Seq).Order().Should().Equal(Enumerable.Range(1, 400).Select(n => (long)n));
            var log = await connections[0].GetAllChangesAsync(ws);
            log.Select(c => c.Seq).Should().Equal(Enumerable.Range(1, 400).Select(n => (long)n));
            log.Select(c => c.DeviceId).Distinct().Should().HaveCount(4);
            metrics.CommittedMutations.Should().Be(400);
            metrics.MutationsApplied.Should().Be(400);
        }
        finally
        {
            foreach (var c in connections) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_store_failure_answers_the_batch_unavailable_and_the_writer_goes_on()
    {
        await using var hub = await HubHost.StartAsync(builder => builder.Services.AddSingleton<IChangeStore>(
            sp => new GatedChangeStore(ActivatorUtilities.CreateInstance<SqliteChangeStore>(sp), null, failNext: 1)), store: HubStore.Sqlite);
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var create = TestMutations.CreateCollection(session.WorkspaceId, "c");

        var failed = await connection.MutateAsync(create, TestMutations.CreateCollection(session.WorkspaceId));
        var retried = await connection.MutateOneAsync(create);

        failed.Should().OnlyContain(r => r.Status == MutationStatuses.Rejected && r.Code == ErrorCodes.Unavailable);
        ErrorCodes.IsTransient(failed[0].Code).Should().BeTrue();
        retried.Should().BeEquivalentTo(new { Status = MutationStatuses.Applied, Seq = 1L, Version = 1L });
    }

    /// <summary>Wraps the real store: can hold a commit until released, or fail the next commits as a broken disk would.</summary>
    private sealed class GatedChangeStore(IChangeStore inner, GatedChangeStore.Gate? gate, int failNext = 0) : IChangeStore, IDisposable
    {
        private int _failuresLeft = failNext;

        public async Task<IReadOnlyList<MutationOutcome>> ApplyAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
                throw new IOException("disk I/O error (simulated)");
            if (gate is not null && gate.TryEnterFirst())
                await gate.WaitOpenAsync();
            return await inner.ApplyAsync(batch, cancellationToken);
        }

        public Task<AllOrNothingOutcome> ApplyAllOrNothingAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken) =>
            inner.ApplyAllOrNothingAsync(batch, cancellationToken);

        public Task<ChangePage> GetChangesAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken) =>
            inner.GetChangesAsync(workspaceId, afterSeq, limit, cancellationToken);

        public Task<long> GetHeadSeqAsync(string workspaceId, CancellationToken cancellationToken) =>
            inner.GetHeadSeqAsync(workspaceId, cancellationToken);

        public void Dispose() => (inner as IDisposable)?.Dispose();

        public sealed class Gate
        {
            private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _used;

            public Task Entered => _entered.Task;

            public bool TryEnterFirst()
            {
                if (Interlocked.Exchange(ref _used, 1) != 0) return false;
                _entered.TrySetResult();
                return true;
            }

            public Task WaitOpenAsync() => _open.Task.WaitAsync(TestTimeouts.Default);

            public void Open() => _open.TrySetResult();
        }
    }
}
