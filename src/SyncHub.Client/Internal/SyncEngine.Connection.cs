using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>One connection's life: connect, subscribe, catch up, then serve pushes and the outbox until it ends.</summary>
internal sealed partial class SyncEngine
{
    private int _generation;
    private StoredSession _session = null!;
    private HubLimits _limits = new();
    private long _cursor;

    private string WorkspaceId => _session.WorkspaceId;

    /// <summary>Runs one connection; returns when the session changed, throws when the connection failed or ended.</summary>
    private async Task RunConnectionAsync(StoredSession session, Action onConnected, CancellationToken ct)
    {
        _session = session;
        var generation = ++_generation;
        if (_status.State != SyncState.Connecting) _status.Transition(new StatusChange(SyncState.Connecting));

        var connection = BuildConnection(session, generation);
        await using (connection.ConfigureAwait(false))
        {
            var subscribed = await ConnectAsync(connection, session, ct).ConfigureAwait(false);
            onConnected();

            _limits = subscribed.Limits;
            _store.SaveLimits(subscribed.Limits);
            _cursor = _store.GetCursor(session.WorkspaceId);
            var head = subscribed.Workspaces.FirstOrDefault(w => w.WorkspaceId == session.WorkspaceId)?.HeadSeq ?? 0;
            SyncClientLog.Subscribed(_logger, session.WorkspaceId, _cursor, head);
            _buffer.Clear();
            _ownSeqs.Clear();
            ResetOutboxPump();
            _status.Transition(new StatusChange(SyncState.Online, CaughtUp: false));

            await CatchUpAsync(connection, ct).ConfigureAwait(false);
            foreach (var reload in _pendingReloads) reload.TrySetResult();
            _pendingReloads.Clear();

            await ServeAsync(connection, generation, ct).ConfigureAwait(false);
        }
    }

    private HubConnection BuildConnection(StoredSession session, int generation)
    {
        var hubUrl = new Uri(session.ServerUrl, HubRoutes.Hub);
        SyncClientLog.Connecting(_logger, hubUrl, session.DeviceId);
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.Token))
            .AddMessagePackProtocol();
        if (_loggerFactory is not null) builder.Services.AddSingleton(_loggerFactory);
        var connection = builder.Build();

        // SignalR calls these on its own threads: they only post to the loop, tagged with the connection they belong to,
        // so a late push or close of an old connection is recognised and ignored.
        connection.On<ChangesPush>(HubMethods.Changes, push => Post(new EngineSignal.PushReceived(generation, push)));
        connection.Closed += error =>
        {
            Post(new EngineSignal.ConnectionClosed(generation, error));
            return Task.CompletedTask;
        };
        return connection;
    }

    private async Task<SubscribeResult> ConnectAsync(HubConnection connection, StoredSession session, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await connection.StartAsync(linked.Token).ConfigureAwait(false);
            var request = new SubscribeRequest
            {
                Workspaces = [new WorkspaceCursor { WorkspaceId = session.WorkspaceId, Cursor = _store.GetCursor(session.WorkspaceId) }],
            };
            return await connection.InvokeAsync<SubscribeResult>(HubMethods.Subscribe, request, linked.Token).ConfigureAwait(false);
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

    /// <summary>Pulls every change after the cursor, page by page, each page applied with its cursor in one transaction.</summary>
    private async Task CatchUpAsync(HubConnection connection, CancellationToken ct)
    {
        var pageSize = _limits.MaxPageSize > 0 ? _limits.MaxPageSize : 500;
        var total = 0;
        while (true)
        {
            var after = _cursor;
            var page = await InvokeAsync(HubMethods.GetChanges,
                t => connection.InvokeAsync<ChangePage>(HubMethods.GetChanges, WorkspaceId, after, pageSize, t), ct).ConfigureAwait(false);
            var outcome = ApplyRemote(page.Changes);
            total += outcome.Applied.Count;
            // Stop on the last page, and on a page that does not continue the cursor (it cannot be applied anyway).
            if (!page.HasMore || page.Changes.Length == 0 || _cursor == after) break;
        }
        SyncClientLog.CaughtUp(_logger, WorkspaceId, _cursor, total);
        ApplyReadyPushes();
    }

    /// <summary>The connected loop: handles signals, fills gaps, drains the outbox, keeps the status true.</summary>
    private async Task ServeAsync(HubConnection connection, int generation, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            while (_signals.Reader.TryRead(out var queued))
            {
                if (await HandleConnectedSignalAsync(queued, connection, generation, ct).ConfigureAwait(false)) return;
            }

            if (_buffer.IsGapExpired)
            {
                SyncClientLog.PullingGap(_logger, WorkspaceId, _cursor);
                _metrics.GapPulled();
                await CatchUpAsync(connection, ct).ConfigureAwait(false);
            }

            var counts = _store.GetCounts(WorkspaceId);
            var now = _time.GetUtcNow();
            if (counts.Pending > 0 && now >= _flushRetryAt)
            {
                await FlushBatchAsync(connection, ct).ConfigureAwait(false);
                continue;
            }

            UpdateOnlineStatus(counts.Pending);
            var deadline = now + OutboxPollInterval;
            if (_buffer.GapDeadline is { } gap && gap < deadline) deadline = gap;
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
            case EngineSignal.PushReceived push when push.Generation == generation && push.Push.WorkspaceId == WorkspaceId:
                _buffer.Add(push.Push.Changes, _cursor);
                ApplyReadyPushes();
                return false;

            case EngineSignal.ConnectionClosed closed when closed.Generation == generation:
                throw new HubConnectionLostException("The connection to the hub closed.", closed.Error);

            case EngineSignal.Reload reload:
                SyncClientLog.Reloading(_logger, WorkspaceId);
                _store.ResetForReload(WorkspaceId);
                _cursor = 0;
                _buffer.Clear();
                _ownSeqs.Clear();
                _entitiesChanged(WorkspaceId, [], true);
                _pendingReloads.Add(reload.Done);
                _status.Transition(new StatusChange(CaughtUp: false));
                await CatchUpAsync(connection, ct).ConfigureAwait(false);
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

    /// <summary>Applies the held pushes that now continue the cursor.</summary>
    private void ApplyReadyPushes()
    {
        while (true)
        {
            var ready = _buffer.TakeReady(_cursor);
            if (ready.Count == 0) break;
            var before = _cursor;
            var outcome = ApplyRemote(ready);
            _metrics.PushesApplied(outcome.Applied.Count);
            if (_cursor == before) break;
        }
        _buffer.TakeReady(_cursor); // restarts or stops the gap clock for what is still held
    }

    private RemoteApplyOutcome ApplyRemote(IReadOnlyList<Change> changes)
    {
        var outcome = _store.ApplyRemote(WorkspaceId, changes, _ownSeqs);
        SetCursor(outcome.Cursor);
        RaiseEntitiesChanged(WorkspaceId, outcome.Applied, remote: true);
        return outcome;
    }

    private void SetCursor(long cursor)
    {
        _cursor = cursor;
        _ownSeqs.RemoveWhere(s => s <= cursor);
    }
}
