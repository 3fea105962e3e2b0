using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Bench.Targets;
using SyncHub.Protocol;

namespace SyncHub.Bench.Driver;

/// <summary>
/// One device: a raw <see cref="HubConnection"/> over WebSockets with the MessagePack hub protocol,
/// the same for every target. Device 0 of an account writes; every device reports what is pushed to it.
/// </summary>
internal sealed class BenchDevice : IAsyncDisposable
{
    public const string CollectionId = "bench-collection";

    private readonly HubConnection _connection;
    private readonly string _body;
    private ChangeTracker? _tracker;
    private int _closed;

    public BenchDevice(Uri hubUrl, BenchAccount account, int deviceIndex, string body)
    {
        Account = account;
        DeviceIndex = deviceIndex;
        _body = body;
        var token = account.DeviceTokens[deviceIndex];
        _connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddMessagePackProtocol()
            .Build();
        _connection.ServerTimeout = TimeSpan.FromSeconds(120);
        _connection.On<ChangesPush>(HubMethods.Changes, OnChanges);
        _connection.Closed += _ =>
        {
            Interlocked.Increment(ref _closed);
            return Task.CompletedTask;
        };
    }

    public BenchAccount Account { get; }

    public int DeviceIndex { get; }

    public bool IsWriter => DeviceIndex == 0;

    /// <summary>Times the connection closed while the run expected it open.</summary>
    public int ClosedCount => Volatile.Read(ref _closed);

    public HubConnection Connection => _connection;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        var request = new SubscribeRequest { Workspaces = [new WorkspaceCursor { WorkspaceId = Account.WorkspaceId, Cursor = 0 }] };
        await _connection.InvokeAsync<SubscribeResult>(HubMethods.Subscribe, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points this device's push handler at the phase now running (null: count nothing).</summary>
    public void Track(ChangeTracker? tracker) => Volatile.Write(ref _tracker, tracker);

    /// <summary>Creates the collection every benchmark request lives in.</summary>
    public async Task CreateCollectionAsync(CancellationToken cancellationToken)
    {
        var mutation = new Mutation
        {
            MutationId = Guid.NewGuid().ToString(),
            WorkspaceId = Account.WorkspaceId,
            Op = MutationOps.Create,
            Kind = EntityKinds.Collection,
            EntityId = CollectionId,
            Body = """{"name":"bench collection"}""",
        };
        var results = await _connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, new[] { mutation }, cancellationToken).ConfigureAwait(false);
        if (results.Length != 1 || results[0].Status != MutationStatuses.Applied)
        {
            var r = results.FirstOrDefault();
            throw new InvalidOperationException($"Creating the bench collection failed: {r?.Status} {r?.Code} {r?.Message}");
        }
    }

    /// <summary>Sends one Mutate call of <paramref name="batchSize"/> creates and records what comes back.</summary>
    public async Task SendAsync(ChangeTracker tracker, int batchSize)
    {
        var mutations = new Mutation[batchSize];
        var indexes = new long[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var index = tracker.Allocate();
            indexes[i] = index;
            mutations[i] = new Mutation
            {
                MutationId = Guid.NewGuid().ToString(),
                WorkspaceId = Account.WorkspaceId,
                Op = MutationOps.Create,
                Kind = EntityKinds.Request,
                EntityId = tracker.EntityId(index),
                ParentId = CollectionId,
                Body = _body,
            };
        }
        var sent = Stopwatch.GetTimestamp();
        foreach (var index in indexes) tracker.MarkSent(index, sent);
        MutationResult[] results;
        try
        {
            results = await _connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, mutations).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed call is a figure of the run, not a reason to stop it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var index in indexes) tracker.MarkFailed(index, ex);
            return;
        }
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < batchSize; i++)
        {
            var result = i < results.Length ? results[i] : null;
            if (result?.Status == MutationStatuses.Applied) tracker.MarkApplied(indexes[i], Account.Index, now);
            else tracker.MarkRejected(indexes[i], result?.Code ?? "missing_result");
        }
    }

    /// <summary>Sends one Mutate call as given and throws unless every mutation was applied (seeding, not measuring).</summary>
    public async Task MutateAllAppliedAsync(Mutation[] mutations, CancellationToken cancellationToken)
    {
        var results = await _connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, mutations, cancellationToken).ConfigureAwait(false);
        var bad = results.FirstOrDefault(r => r.Status != MutationStatuses.Applied);
        if (results.Length != mutations.Length || bad is not null)
            throw new InvalidOperationException($"Seeding failed: {results.Length} results for {mutations.Length} mutations; {bad?.Status} {bad?.Code} {bad?.Message}");
    }

    /// <summary>The workspace's newest seq as the hub's store reports it.</summary>
    public async Task<long> GetHeadSeqAsync(CancellationToken cancellationToken)
    {
        var page = await _connection.InvokeAsync<ChangePage>(HubMethods.GetChanges, Account.WorkspaceId, 0L, 1, cancellationToken).ConfigureAwait(false);
        return page.HeadSeq;
    }

    private void OnChanges(ChangesPush push)
    {
        var tracker = Volatile.Read(ref _tracker);
        if (tracker is null) return;
        var now = Stopwatch.GetTimestamp();
        foreach (var change in push.Changes) tracker.OnDelivered(change, now, IsWriter);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
