using System.Net;
using System.Net.Sockets;
using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client.Tests;

/// <summary>The client without any hub: local-first edits, status, and the outbox surviving a restart.</summary>
public sealed class SyncClientOfflineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempProfile _profile = new();

    public void Dispose() => _profile.Dispose();

    private static Uri ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private SyncClientOptions Options() => new()
    {
        ProfileDirectory = _profile.Directory,
        ReconnectPolicy = new ExponentialBackoffReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    private void SeedSession(Uri server)
    {
        using var store = LocalStore.Open(_profile.Directory);
        store.SaveSession(new StoredSession(server, "acc", "ws1", "dev1", "ada", "token", null));
    }

    [Fact]
    public async Task Signed_out_the_client_refuses_start_with_unauthorized_and_edits_stay_in_the_scratch_pad()
    {
        await using var client = await SyncClient.OpenAsync(Options()).WaitAsync(Timeout);
        client.Session.Should().BeNull();
        client.State.Should().Be(SyncState.Offline);
        client.GetEntities().Should().BeEmpty();

        var id = await client.CreateAsync("collection", null, """{"name":"x"}""");
        client.GetEntity(id)!.WorkspaceId.Should().Be(SyncClient.ScratchPadId);
        client.GetOutbox().Should().BeEmpty();
        (await FluentActions.Awaiting(() => client.StartAsync()).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Edits_are_visible_at_once_and_raise_status_and_entity_events()
    {
        SeedSession(ClosedPortUrl());
        await using var client = await SyncClient.OpenAsync(Options()).WaitAsync(Timeout);
        var statuses = new List<SyncStatus>();
        var changes = new List<EntitiesChangedEventArgs>();
        client.StatusChanged += (_, e) => statuses.Add(e.Current);
        client.EntitiesChanged += (_, e) => changes.Add(e);

        var id = await client.CreateAsync("collection", null, """{"name":"Mine"}""").WaitAsync(Timeout);

        client.GetEntity(id)!.Body.Should().Be($$"""{"name":"Mine","rank":"{{EntityRank.After(null)}}"}""", "the first entity of its parent is ranked first");
        client.GetEntity(id)!.HasPendingChanges.Should().BeTrue();
        client.GetOutbox().Should().ContainSingle().Which.EntityId.Should().Be(id);
        client.Status.PendingChanges.Should().Be(1);
        statuses.Should().ContainSingle().Which.PendingChanges.Should().Be(1);
        changes.Should().ContainSingle().Which.Remote.Should().BeFalse();

        (await FluentActions.Awaiting(() => client.CreateAsync("widget", null, """{"name":"x"}""")).Should().ThrowAsync<SyncException>())
            .Which.Code.Should().Be(ErrorCodes.UnknownKind);
    }

    [Fact]
    public async Task Without_a_reachable_hub_the_engine_keeps_connecting_and_the_outbox_survives_a_restart()
    {
        SeedSession(ClosedPortUrl());
        string id;
        await using (var client = await SyncClient.OpenAsync(Options()).WaitAsync(Timeout))
        {
            var retrying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.StatusChanged += (_, e) =>
            {
                if (e.Current is { State: SyncState.Connecting, ErrorCode: ErrorCodes.Unreachable }) retrying.TrySetResult();
            };
            await client.StartAsync().WaitAsync(Timeout);
            id = await client.CreateAsync("collection", null, """{"name":"Offline"}""").WaitAsync(Timeout);
            await retrying.Task.WaitAsync(Timeout);
            client.State.Should().Be(SyncState.Connecting);
            client.Status.ErrorMessage.Should().Contain("Cannot reach the hub");
            client.Status.ErrorMessage.Should().NotContain("token");
        }

        await using var reopened = await SyncClient.OpenAsync(Options()).WaitAsync(Timeout);
        reopened.State.Should().Be(SyncState.Offline);
        reopened.GetOutbox().Should().ContainSingle().Which.EntityId.Should().Be(id);
        reopened.GetEntity(id).Should().NotBeNull();
    }

    [Fact]
    public async Task Reload_while_stopped_keeps_pending_edits()
    {
        SeedSession(ClosedPortUrl());
        await using var client = await SyncClient.OpenAsync(Options()).WaitAsync(Timeout);
        var id = await client.CreateAsync("collection", null, """{"name":"Keep"}""").WaitAsync(Timeout);
        await client.ReloadAsync().WaitAsync(Timeout);
        client.GetEntity(id).Should().NotBeNull();
        client.GetOutbox().Should().ContainSingle();
    }
}
