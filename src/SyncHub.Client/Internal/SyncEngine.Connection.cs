using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>One connection's life: connect, subscribe, catch up, then serve pushes and the outbox until it ends.</summary>
internal sealed partial class SyncEngine
{
    private int _generation;
    private StoredSession _session = null!;
    private HubLimits _limits = new();
    private bool _snapshotUnsupported;

    // Every workspace of the account, synced at once: its personal one first, then the team ones, as the hub lists them.
    private readonly Dictionary<string, WorkspaceSync> _synced = new(StringComparer.Ordinal);

    /// <summary>The account's personal workspace.</summary>
    private string WorkspaceId => _session.WorkspaceId;

    // The local list's save count when this connection asked the hub for the list (see ApplyWorkspaceList).
    private long _workspaceListStamp;

    /// <summary>Runs one connection; returns when the session changed, throws when the connection failed or ended.</summary>
    private async Task RunConnectionAsync(StoredSession session, Action onConnected, CancellationToken ct)
    {
        _session = session;
        var generation = ++_generation;
        if (_status.State != SyncState.Connecting) _status.Transition(new StatusChange(SyncState.Connecting));
        await RenewIfDueAsync(ct).ConfigureAwait(false);
        session = _session;

        var node = CurrentNode;
        var connection = BuildConnection(session, node, generation);
        await using (connection.ConfigureAwait(false))
        {
            var (subscribed, workspaces) = await ConnectAsync(connection, session, ct).ConfigureAwait(false);
            onConnected();
            if (_nodes.Count > 1) SyncClientLog.ConnectedToNode(_logger, HubNodes.ForLog(node));
            // The hub took this connection, so it has not revoked the token: a sign-out request before was not carried out.
            _signOutRequest = null;
            _snapshotUnsupported = false;

            _limits = subscribed.Limits;
            _store.SaveLimits(subscribed.Limits);
            _synced.Clear();
            ApplyWorkspaceList(workspaces, _workspaceListStamp);
            foreach (var info in workspaces)
            {
                var sync = Track(info.WorkspaceId);
                var head = subscribed.Workspaces.FirstOrDefault(w => w.WorkspaceId == info.WorkspaceId)?.HeadSeq ?? 0;
                SyncClientLog.Subscribed(_logger, info.WorkspaceId, sync.Cursor, head);
            }
            SyncClientLog.SyncingWorkspaces(_logger, _synced.Count);
            ResetOutboxPump();
            _status.Transition(new StatusChange(SyncState.Online, CaughtUp: false, ConnectedUrl: node));

            await LoadDevicesAsync(connection, ct).ConfigureAwait(false);
            foreach (var sync in _synced.Values.ToList())
            {
                await CatchUpAsync(connection, sync, ct).ConfigureAwait(false);
            }
            foreach (var reload in _pendingReloads) reload.TrySetResult();
            _pendingReloads.Clear();

            await ServeAsync(connection, generation, ct).ConfigureAwait(false);
        }
    }

    private HubConnection BuildConnection(StoredSession session, Uri node, int generation)
    {
        var hubUrl = new Uri(node, HubRoutes.Hub);
        SyncClientLog.Connecting(_logger, hubUrl, session.DeviceId);
        var builder = new HubConnectionBuilder()
            // Read at each (re)negotiation, so a renewed token is used from then on.
            .WithUrl(hubUrl, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(_session.Token);
                // WebSockets without the negotiate round trip: a connection is then one HTTP upgrade, so a load balancer
                // in front of several hub nodes needs no sticky sessions (a negotiate on one node and the connect on
                // another would fail).
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .AddMessagePackProtocol();
        if (_loggerFactory is not null) builder.Services.AddSingleton(_loggerFactory);
        var connection = builder.Build();

        // SignalR calls these on its own threads: they only post to the loop, tagged with the connection they belong to,
        // so a late push or close of an old connection is recognised and ignored.
        connection.On<ChangesPush>(HubMethods.Changes, push => Post(new EngineSignal.PushReceived(generation, push)));
        connection.On<PresenceUpdate>(HubMethods.Presence, update => Post(new EngineSignal.PresenceReceived(generation, update.Devices ?? [])));
        connection.On<SignOutRequest>(HubMethods.SignOutRequested, request => Post(new EngineSignal.SignOutRequested(generation, request)));
        connection.On<WorkspacesUpdate>(HubMethods.Workspaces, update => Post(new EngineSignal.WorkspacesReceived(generation, update.Workspaces ?? [])));
        connection.Closed += error =>
        {
            Post(new EngineSignal.ConnectionClosed(generation, error));
            return Task.CompletedTask;
        };
        return connection;
    }

    private async Task<(SubscribeResult Subscribed, IReadOnlyList<WorkspaceInfo> Workspaces)> ConnectAsync(HubConnection connection, StoredSession session, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await connection.StartAsync(linked.Token).ConfigureAwait(false);
            _workspaceListStamp = _store.WorkspaceListStamp;
            var workspaces = await ConfirmWorkspacesAsync(connection, session,
                await GetWorkspacesAsync(connection, session, linked.Token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
            var request = new SubscribeRequest
            {
                Workspaces = [.. workspaces.Select(w => new WorkspaceCursor { WorkspaceId = w.WorkspaceId, Cursor = _store.GetCursor(w.WorkspaceId) })],
            };
            var subscribed = await connection.InvokeAsync<SubscribeResult>(HubMethods.Subscribe, request, linked.Token).ConfigureAwait(false);
            return (subscribed, workspaces);
        }
        catch (Exception ex) when (IsUnauthorized(ex))
        {
            throw new SyncException(ErrorCodes.Unauthorized,
                "The hub refused this device's sign-in (it expired, was revoked, or the account is gone). Sign in again.", ex);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The hub did not accept the connection within {_options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
    }

    private static bool IsUnauthorized(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized }) return true;
            if (e is WebSocketException && e.Message.Contains("401", StringComparison.Ordinal)) return true;
            if (e is HubException && HubError.TryParse(e.Message, out var error) && error.Code == ErrorCodes.Unauthorized) return true;
        }
        return false;
    }

    /// <summary>
    /// Catches up: with no cursor (fresh sign-in, wipe, reload) a snapshot first, then every change after the cursor,
    /// page by page, each page applied with its cursor in one transaction. A cursor older than the hub's change log
    /// (<c>snapshot_required</c>) also gets a snapshot. The device subscribed before, so whatever is committed after the
    /// snapshot's head arrives as a push or in a later page: nothing slips between.
    /// </summary>
    private async Task CatchUpAsync(HubConnection connection, WorkspaceSync sync, CancellationToken ct)
    {
        var workspaceId = sync.WorkspaceId;
        // Without snapshots (an older hub) a cursor of 0 pulls the whole log instead, over a reset synced copy.
        if (sync.Cursor == 0 && !await RestoreFromSnapshotAsync(connection, sync, ct).ConfigureAwait(false)) _store.ResetForReload(workspaceId);
        var pageSize = _limits.MaxPageSize > 0 ? _limits.MaxPageSize : 500;
        var total = 0;
        while (true)
        {
            var after = sync.Cursor;
            ChangePage page;
            try
            {
                page = await InvokeAsync(HubMethods.GetChanges,
                    t => connection.InvokeAsync<ChangePage>(HubMethods.GetChanges, workspaceId, after, pageSize, t), ct).ConfigureAwait(false);
            }
            catch (HubException ex) when (HubError.TryParse(ex.Message, out var error) && error.Code == ErrorCodes.SnapshotRequired)
            {
                SyncClientLog.SnapshotRequired(_logger, workspaceId, after);
                if (!await RestoreFromSnapshotAsync(connection, sync, ct).ConfigureAwait(false)) throw;
                continue;
            }
            var outcome = ApplyRemote(sync, page.Changes);
            total += outcome.Applied.Count;
            // Stop on the last page, and on a page that does not continue the cursor (it cannot be applied anyway).
            if (!page.HasMore || page.Changes.Length == 0 || sync.Cursor == after) break;
        }
        SyncClientLog.CaughtUp(_logger, workspaceId, sync.Cursor, total);
        ApplyReadyPushes(sync);
    }

    /// <summary>
    /// Streams the workspace's snapshot and replaces the synced copy with it in one local transaction, cursor = its
    /// head. False when the hub has no snapshots (an older hub): the caller pulls the change log instead.
    /// </summary>
    private async Task<bool> RestoreFromSnapshotAsync(HubConnection connection, WorkspaceSync sync, CancellationToken ct)
    {
        var workspaceId = sync.WorkspaceId;
        if (_snapshotUnsupported) return false;
        var entities = new List<EntityState>();
        long head = -1;
        // A big snapshot streams for a while: the timeout is per page, not for the whole stream.
        using var idle = new CancellationTokenSource(_options.InvocationTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, idle.Token);
        try
        {
            await foreach (var page in connection.StreamAsync<EntityPage>(HubMethods.StreamSnapshot, workspaceId, linked.Token).ConfigureAwait(false))
            {
                idle.CancelAfter(_options.InvocationTimeout);
                if (page is null) continue;
                head = Math.Max(head, page.HeadSeq);
                entities.AddRange(page.Entities ?? []);
            }
        }
        catch (HubException ex) when (ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            _snapshotUnsupported = true;
            return false;
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The hub did not send the next snapshot page within {_options.InvocationTimeout.TotalSeconds:0.#} s.");
        }
        if (head < 0) return false; // no page at all: nothing to anchor a cursor on

        var changes = _store.ApplySnapshot(workspaceId, entities, head);
        sync.OwnSeqs.Clear();
        sync.SetCursor(head);
        sync.Buffer.TakeReady(sync.Cursor); // drops held pushes the snapshot already contains
        SyncClientLog.SnapshotApplied(_logger, workspaceId, head, entities.Count);
        RaiseEntitiesChanged(workspaceId, changes, remote: true);
        return true;
    }

    /// <summary>Asks for the account's devices once connected, so presence is known before the first change of it.</summary>
    private async Task LoadDevicesAsync(HubConnection connection, CancellationToken ct)
    {
        try
        {
            var devices = await InvokeAsync(HubMethods.GetDevices,
                t => connection.InvokeAsync<DeviceInfo[]>(HubMethods.GetDevices, t), ct).ConfigureAwait(false);
            OnPresence(devices ?? []);
        }
        catch (HubException)
        {
            // An older hub without presence: the list stays unknown.
        }
    }

    /// <summary>The connected loop: handles signals, fills gaps, drains the outbox, keeps the status true.</summary>
    private async Task ServeAsync(HubConnection connection, int generation, CancellationToken ct)
    {
        HeardFromHub();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            while (_signals.Reader.TryRead(out var queued))
            {
                if (await HandleConnectedSignalAsync(queued, connection, generation, ct).ConfigureAwait(false)) return;
            }

            foreach (var sync in _synced.Values.Where(s => s.Buffer.IsGapExpired).ToList())
            {
                SyncClientLog.PullingGap(_logger, sync.WorkspaceId, sync.Cursor);
                _metrics.GapPulled();
                await PullAsync(connection, sync, ct).ConfigureAwait(false);
            }
            if (_quietCatchUpAt is { } quiet && _time.GetUtcNow() >= quiet)
            {
                // Nothing came from the hub for a while. A push lost with no later change behind it (the Redis backplane
                // was down when it was published) leaves no gap to see, so ask for what follows each cursor anyway.
                foreach (var sync in _synced.Values.ToList())
                {
                    SyncClientLog.PullingQuiet(_logger, sync.WorkspaceId, sync.Cursor);
                    await PullAsync(connection, sync, ct).ConfigureAwait(false);
                }
                HeardFromHub();
            }

            await RenewIfDueAsync(ct).ConfigureAwait(false);

            var counts = _store.GetTotalCounts();
            var now = _time.GetUtcNow();
            if (counts.Pending > 0 && now >= _flushRetryAt)
            {
                await FlushBatchAsync(connection, ct).ConfigureAwait(false);
                continue;
            }

            UpdateOnlineStatus(counts.Pending);
            var deadline = now + OutboxPollInterval;
            foreach (var sync in _synced.Values)
            {
                if (sync.Buffer.GapDeadline is { } gap && gap < deadline) deadline = gap;
            }
            if (RenewDeadline is { } renew && renew < deadline) deadline = renew;
            if (_quietCatchUpAt is { } quietAt && quietAt < deadline) deadline = quietAt;
            if (counts.Pending > 0)
            {
                if (_flushRetryAt < deadline) deadline = _flushRetryAt;
                if (StallDeadline is { } stall && stall < deadline) deadline = stall;
            }
            var signal = await NextSignalAsync(deadline, ct).ConfigureAwait(false);
            if (signal is not null && await HandleConnectedSignalAsync(signal, connection, generation, ct).ConfigureAwait(false)) return;
        }
    }

    /// <summary>Handles one signal while connected; true when the connection should end because the session changed.</summary>
    private async Task<bool> HandleConnectedSignalAsync(EngineSignal signal, HubConnection connection, int generation, CancellationToken ct)
    {
        switch (signal)
        {
            case EngineSignal.PushReceived push when push.Generation == generation && _synced.TryGetValue(push.Push.WorkspaceId, out var pushed):
                pushed.Buffer.Add(push.Push.Changes, pushed.Cursor);
                ApplyReadyPushes(pushed);
                return false;

            case EngineSignal.WorkspacesReceived update when update.Generation == generation:
                await OnWorkspacesAsync(connection, update.Workspaces, ct).ConfigureAwait(false);
                return false;

            case EngineSignal.ConnectionClosed closed when closed.Generation == generation:
                throw new HubConnectionLostException("The connection to the hub closed.", closed.Error);

            case EngineSignal.PresenceReceived presence when presence.Generation == generation:
                OnPresence(presence.Devices);
                return false;

            case EngineSignal.SignOutRequested request when request.Generation == generation:
                await HandleSignOutRequestAsync(connection, request.Request, ct).ConfigureAwait(false);
                return false;

            case EngineSignal.Reload reload:
                // The catch-up below replaces each synced copy with a snapshot in one step, so the person never sees it empty.
                _pendingReloads.Add(reload.Done);
                _status.Transition(new StatusChange(CaughtUp: false));
                foreach (var sync in _synced.Values.ToList())
                {
                    SyncClientLog.Reloading(_logger, sync.WorkspaceId);
                    sync.OwnSeqs.Clear();
                    sync.SetCursor(0);
                    sync.Buffer.Clear();
                    _entitiesChanged(sync.WorkspaceId, [], true);
                    await CatchUpAsync(connection, sync, ct).ConfigureAwait(false);
                }
                foreach (var done in _pendingReloads) done.TrySetResult();
                _pendingReloads.Clear();
                return false;

            case EngineSignal.SessionChanged:
                return true;

            default:
                // A local write (the loop flushes next), or a push/close of an old connection.
                return false;
        }
    }

    /// <summary>Pulls the changes after the workspace's cursor on the live connection (a gap, or a quiet spell).</summary>
    private async Task PullAsync(HubConnection connection, WorkspaceSync sync, CancellationToken ct)
    {
        try
        {
            await CatchUpAsync(connection, sync, ct).ConfigureAwait(false);
        }
        catch (HubException ex) when (HubError.TryParse(ex.Message, out var error) && ErrorCodes.IsTransient(error.Code))
        {
            // The hub is there but its store is not (a Redis outage): the connection is fine, so keep it, and
            // keep sending (the outbox learns 'unavailable' on its own); the pull is tried again later.
            SyncClientLog.GapPullFailed(_logger, sync.WorkspaceId, sync.Cursor, error.Code);
            sync.Buffer.PostponeGap();
        }
        catch (TimeoutException)
        {
            SyncClientLog.GapPullFailed(_logger, sync.WorkspaceId, sync.Cursor, ErrorCodes.Timeout);
            sync.Buffer.PostponeGap();
        }
    }

    /// <summary>The hub just answered or pushed: the quiet catch-up moves a whole interval away.</summary>
    private void HeardFromHub() =>
        _quietCatchUpAt = _options.QuietCatchUpInterval > TimeSpan.Zero ? _time.GetUtcNow() + _options.QuietCatchUpInterval : null;

    /// <summary>Applies the held pushes of the workspace that now continue its cursor.</summary>
    private void ApplyReadyPushes(WorkspaceSync sync)
    {
        while (true)
        {
            var ready = sync.Buffer.TakeReady(sync.Cursor);
            if (ready.Count == 0) break;
            var before = sync.Cursor;
            var outcome = ApplyRemote(sync, ready);
            _metrics.PushesApplied(outcome.Applied.Count);
            if (sync.Cursor == before) break;
        }
        sync.Buffer.TakeReady(sync.Cursor); // restarts or stops the gap clock for what is still held
    }

    private RemoteApplyOutcome ApplyRemote(WorkspaceSync sync, IReadOnlyList<Change> changes)
    {
        var outcome = _store.ApplyRemote(sync.WorkspaceId, changes, sync.OwnSeqs, _session.DeviceId);
        sync.SetCursor(outcome.Cursor);
        HeardFromHub();
        RaiseEntitiesChanged(sync.WorkspaceId, outcome.Visible, remote: true);
        return outcome;
    }
}
