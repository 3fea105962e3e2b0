using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// The sync engine: ONE loop (a single task) owns the hub connection, the state machine and the outbox pump, so a
/// reconnect and a flush can never race. Everything else talks to it through <see cref="Post"/>: local writes, pushes
/// and closes from SignalR's callbacks, reloads and session changes. One instance runs from Start to Stop.
/// </summary>
internal sealed partial class SyncEngine : IDisposable
{
    /// <summary>How often an idle loop looks at the outbox, to pick up edits another process wrote to this profile.</summary>
    internal static readonly TimeSpan OutboxPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between resends of pending changes while connected.</summary>
    internal static readonly TimeSpan MaxFlushRetryDelay = TimeSpan.FromSeconds(5);

    private readonly LocalStore _store;
    private readonly SyncStatusHolder _status;
    private readonly SyncClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly SyncClientMetrics _metrics;
    private readonly Action<string, IReadOnlyList<Change>, bool> _entitiesChanged;
    private readonly AccountsHttpClient _accounts;
    private readonly EngineCallbacks _callbacks;
    private readonly Channel<EngineSignal> _signals = Channel.CreateUnbounded<EngineSignal>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TaskCompletionSource> _pendingReloads = [];
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset? _quietCatchUpAt;
    private ITimer? _wakeTimer;
    // When the wake timer is armed to fire (UTC ticks), long.MaxValue when it is not. Cleared by the timer's callback
    // (another thread) and set by the loop, so read and written whole.
    private long _wakeAtTicks = long.MaxValue;

    public SyncEngine(LocalStore store, SyncStatusHolder status, SyncClientOptions options, ILogger logger,
        SyncClientMetrics metrics, AccountsHttpClient accounts, EngineCallbacks callbacks)
    {
        _store = store;
        _status = status;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
        _loggerFactory = options.LoggerFactory;
        _metrics = metrics;
        _accounts = accounts;
        _callbacks = callbacks;
        _entitiesChanged = callbacks.EntitiesChanged;
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Wakes the loop. Never blocks; safe from any thread.</summary>
    public void Post(EngineSignal signal) => _signals.Writer.TryWrite(signal);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _wakeTimer?.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var retries = 0;
        DateTimeOffset? troubleSince = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var session = _store.LoadSession();
                if (session is null)
                {
                    // Keep the reason of a sign-out from elsewhere (signed_out, expired) on the Offline status.
                    if (_status.State != SyncState.Offline) _status.Transition(new StatusChange(SyncState.Offline));
                    await WaitForSessionAsync(ct).ConfigureAwait(false);
                    (retries, troubleSince) = (0, null);
                    continue;
                }

                UseNodesOf(session);
                Exception failure;
                var connected = false;
                try
                {
                    await RunConnectionAsync(session, () => connected = true, ct).ConfigureAwait(false);
                    (retries, troubleSince, _failedInRound) = (0, null, 0); // the session changed: connect with the new one at once
                    continue;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (SyncException ex) when (ex.Code == ErrorCodes.Unauthorized)
                {
                    failure = ex;
                    if (await HandleRefusedTokenAsync(session, ex, ct).ConfigureAwait(false))
                    {
                        (retries, troubleSince) = (0, null);
                        continue;
                    }
                }
#pragma warning disable CA1031 // Whatever broke the connection, the engine reconnects; it must not die.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                    // Asked to sign out, and the connection ended: find out whether the hub has revoked the token.
                    if (_signOutRequest is not null && await HandleRefusedTokenAsync(session, ex, ct).ConfigureAwait(false))
                    {
                        (retries, troubleSince) = (0, null);
                        continue;
                    }
                    if (ex is HubConnectionLostException) SyncClientLog.ConnectionLost(_logger, ex.InnerException);
                    else if (connected && ex is not TimeoutException) SyncClientLog.EngineFailed(_logger, ex);
                }

                var now = _time.GetUtcNow();
                if (connected) (retries, troubleSince) = (0, null);
                troubleSince ??= now;
                // Another node is left in this round: try it at once, a dead node must not keep the device from a live one.
                // The status stays as it is: the hub is unreachable only once every node failed (apps, and the
                // console's "stop at the first failure", read an error while connecting as that).
                if (!MoveToNextNode(failure, connected)) continue;
                var delay = _options.ReconnectPolicy.NextRetryDelay(new ReconnectContext(retries, now - troubleSince.Value, failure));
                if (delay is null)
                {
                    _status.Transition(new StatusChange(SyncState.Error, ErrorCode: ErrorCodes.Unreachable,
                        ErrorMessage: $"Gave up reconnecting to {NodesForMessage()}: {failure.Message} Your changes are kept; start again to retry."));
                    await WaitForSessionAsync(ct).ConfigureAwait(false);
                    (retries, troubleSince) = (0, null);
                    continue;
                }
                retries++;
                SyncClientLog.ConnectFailed(_logger, retries, delay.Value, failure);
                _status.Transition(new StatusChange(SyncState.Connecting, ErrorCode: ErrorCodes.Unreachable,
                    ErrorMessage: $"Cannot reach {NodesForMessage()} ({failure.Message}). Retrying; your changes are kept and will be sent when it is back."));
                await DelayAsync(now + delay.Value, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var reload in _pendingReloads) reload.TrySetResult();
            _pendingReloads.Clear();
            _status.Transition(new StatusChange(SyncState.Offline));
        }
    }

    /// <summary>Waits (without a connection) until the session changes; handles reloads and edits meanwhile.</summary>
    private async Task WaitForSessionAsync(CancellationToken ct)
    {
        while (true)
        {
            var signal = await NextSignalAsync(null, ct).ConfigureAwait(false);
            if (signal is EngineSignal.SessionChanged) return;
            HandleDisconnectedSignal(signal);
        }
    }

    /// <summary>Waits until <paramref name="until"/> (a backoff delay) or a session change.</summary>
    private async Task DelayAsync(DateTimeOffset until, CancellationToken ct)
    {
        while (true)
        {
            var signal = await NextSignalAsync(until, ct).ConfigureAwait(false);
            if (signal is null or EngineSignal.SessionChanged) return;
            HandleDisconnectedSignal(signal);
        }
    }

    private void HandleDisconnectedSignal(EngineSignal? signal)
    {
        switch (signal)
        {
            case EngineSignal.LocalWrite:
                _status.Refresh();
                break;
            case EngineSignal.Reload reload:
                if (_store.LoadSession() is { } session)
                {
                    foreach (var workspaceId in StoredWorkspaceIds(session))
                    {
                        SyncClientLog.Reloading(_logger, workspaceId);
                        _store.ResetForReload(workspaceId);
                        _entitiesChanged(workspaceId, [], true);
                    }
                }
                // Reset now; the re-fetch happens on the next connect, and the caller hears when it has.
                _pendingReloads.Add(reload.Done);
                _status.Refresh();
                break;
            default:
                // Pushes and closes of a connection that is gone.
                break;
        }
    }

    /// <summary>The next signal, or null once <paramref name="deadline"/> passes.</summary>
    /// <remarks>
    /// The deadline is waited for with one timer that lives as long as the engine and posts <see cref="EngineSignal.Wake"/>,
    /// re-armed only when it would fire too late or has fired. A timer (and a linked token) made and dropped on every turn
    /// of the loop cost 3,000 devices in one process a third of their CPU, most of it threads queueing for the runtime's
    /// timer lock (bench/RESULTS.md). A wake that comes before the deadline (armed for an earlier one) only re-arms.
    /// </remarks>
    private async Task<EngineSignal?> NextSignalAsync(DateTimeOffset? deadline, CancellationToken ct)
    {
        var reader = _signals.Reader;
        while (true)
        {
            if (reader.TryRead(out var signal))
            {
                if (signal is not EngineSignal.Wake) return signal;
                if (deadline is { } due && _time.GetUtcNow() >= due) return null;
                continue;
            }
            if (deadline is { } until)
            {
                var now = _time.GetUtcNow();
                if (now >= until) return null;
                // A timer fires by its own clock, which may run a little ahead of GetUtcNow: a wake can come just before
                // the deadline, and then nothing is armed any more.
                if (Volatile.Read(ref _wakeAtTicks) > until.UtcTicks) ArmWake(until, until - now);
            }
            if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false)) return null;
        }
    }

    private void ArmWake(DateTimeOffset at, TimeSpan wait)
    {
        _wakeTimer ??= _time.CreateTimer(static state => ((SyncEngine)state!).OnWake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _wakeAtTicks, at.UtcTicks);
        _wakeTimer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    // Runs on a timer thread. Racing a re-arm, it may clear the new time too: the loop then arms once more, needlessly
    // but harmlessly; it never leaves a deadline without a timer.
    private void OnWake()
    {
        Volatile.Write(ref _wakeAtTicks, long.MaxValue);
        Post(EngineSignal.Wake.Instance);
    }

    private void RaiseEntitiesChanged(string workspaceId, IReadOnlyList<Change> changes, bool remote)
    {
        if (changes.Count > 0) _entitiesChanged(workspaceId, changes, remote);
    }
}
