using Microsoft.Extensions.Logging;

namespace SyncHub.Client.Internal;

/// <summary>
/// The one place the client's status lives. Like SignalR's HubConnection, every transition goes through
/// <see cref="Transition"/>, which derives the public <see cref="SyncStatus"/> under a lock, logs it, and raises the
/// event when anything a person would see changed (state, activity, counts, error).
/// </summary>
internal sealed class SyncStatusHolder
{
    // Held while a transition is computed and its event raised, so handlers see transitions in order. Reentrant, so a
    // handler may read the status or make a local edit.
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private SyncState _state = SyncState.Offline;
    private bool _caughtUp;
    private string? _errorCode;
    private string? _errorMessage;
    private Uri? _connectedUrl;
    private LocalCounts _counts;
    private SyncStatus _current;

    private readonly Func<LocalCounts> _readCounts;

    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Where transitions are logged.</param>
    /// <param name="readCounts">
    /// Reads the outbox, conflict and failed counts from the local store. Read inside the lock on every transition, so
    /// a transition made after a local write always sees that write (no stale count can overwrite a fresh one).
    /// </param>
    public SyncStatusHolder(TimeProvider timeProvider, ILogger logger, Func<LocalCounts> readCounts)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _readCounts = readCounts;
        _counts = readCounts();
        _current = Derive();
    }

    public event Action<SyncStatus, SyncStatus>? Changed;

    public SyncStatus Current
    {
        get
        {
            lock (_lock)
            {
                // The age grows by itself; give the reader a fresh one.
                return _current with { OldestPendingAge = Age(_counts.OldestPendingCreatedAt), At = _timeProvider.GetUtcNow() };
            }
        }
    }

    public SyncState State
    {
        get
        {
            lock (_lock) return _state;
        }
    }

    /// <summary>Re-reads the counts; raises the event if they changed.</summary>
    public SyncStatus Refresh() => Transition(default);

    /// <summary>Applies <paramref name="change"/> (and re-reads the counts); returns the status after it.</summary>
    public SyncStatus Transition(StatusChange change)
    {
        lock (_lock)
        {
            if (change.State is { } state)
            {
                _state = state;
                _errorCode = change.ErrorCode;
                _errorMessage = change.ErrorMessage;
                if (state != SyncState.Online && state != SyncState.Error)
                {
                    _caughtUp = false;
                    _connectedUrl = null;
                }
                else if (change.ConnectedUrl is { } url)
                {
                    _connectedUrl = url;
                }
            }
            if (change.CaughtUp is { } caughtUp) _caughtUp = caughtUp;
            _counts = _readCounts();

            var previous = _current;
            var next = Derive();
            if (SameForAPerson(previous, next)) return next;
            _current = next;

            if (previous.State != next.State || previous.Activity != next.Activity || previous.ErrorCode != next.ErrorCode)
                SyncClientLog.StateChanged(_logger, previous.State, previous.Activity, next.State, next.Activity, next.ErrorCode ?? "-", next.PendingChanges);
            try
            {
                Changed?.Invoke(previous, next);
            }
#pragma warning disable CA1031 // An app's handler must not break the engine loop that raised the event.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SyncClientLog.HandlerFailed(_logger, nameof(SyncClient.StatusChanged), ex);
            }
            return next;
        }
    }

    private SyncStatus Derive()
    {
        var activity = _state != SyncState.Online ? SyncActivity.None
            : _caughtUp && _counts.Pending == 0 ? SyncActivity.InSync
            : SyncActivity.Syncing;
        return new SyncStatus(_state, activity, _counts.Pending, _counts.Conflicts, _counts.Failed, _errorCode, _errorMessage,
            Age(_counts.OldestPendingCreatedAt), _timeProvider.GetUtcNow()) { ConnectedUrl = _connectedUrl };
    }

    private TimeSpan? Age(DateTimeOffset? createdAt) =>
        createdAt is { } at ? TimeSpan.FromTicks(Math.Max(0, (_timeProvider.GetUtcNow() - at).Ticks)) : null;

    private static bool SameForAPerson(SyncStatus a, SyncStatus b) =>
        a.State == b.State && a.Activity == b.Activity && a.PendingChanges == b.PendingChanges && a.Conflicts == b.Conflicts
        && a.FailedChanges == b.FailedChanges && a.ErrorCode == b.ErrorCode && a.ErrorMessage == b.ErrorMessage
        && a.ConnectedUrl == b.ConnectedUrl;
}
