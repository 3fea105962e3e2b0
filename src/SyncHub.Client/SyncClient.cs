using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client;

/// <summary>
/// A device's connection to a SyncHub hub: a local store on disk (entities, outbox, conflicts), an engine that keeps
/// it in sync while started, and the sign-in that ties it to an account.
/// </summary>
/// <remarks>
/// Local edits (<see cref="CreateAsync"/>, <see cref="UpdateAsync"/>, <see cref="MoveAsync(string, string?, CancellationToken)"/>, <see cref="DeleteAsync"/>)
/// are stored with their outbox entry in one transaction and return at once; the engine sends them when it can.
/// <see cref="Status"/> and <see cref="StatusChanged"/> say what the engine is doing. Open one profile from several
/// processes if needed: the store is shared safely. All members are thread-safe.
/// </remarks>
public sealed partial class SyncClient : IAsyncDisposable
{
    private readonly SyncClientOptions _options;
    private readonly LocalStore _store;
    private readonly SyncStatusHolder _status;
    private readonly SyncClientMetrics _metrics;
    private readonly AccountsHttpClient _accounts;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _engineLock = new(1, 1);
    private volatile StoredSession? _session;
    private volatile SyncEngine? _engine;
    private int _disposed;

    private SyncClient(SyncClientOptions options, LocalStore store)
    {
        _options = options;
        _store = store;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SyncHub.Client.SyncClient");
        _session = store.LoadSession();
        _status = new SyncStatusHolder(options.TimeProvider, _logger, ReadCounts);
        _status.Changed += (previous, current) => StatusChanged?.Invoke(this, new SyncStatusChangedEventArgs(previous, current));
        _metrics = new SyncClientMetrics(() => _status.Current.PendingChanges);
        _accounts = new AccountsHttpClient(TimeSpan.FromSeconds(30));
    }

    /// <summary>Opens the profile in <see cref="SyncClientOptions.ProfileDirectory"/> (creating it when missing). The engine is not started.</summary>
    public static Task<SyncClient> OpenAsync(SyncClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ProfileDirectory);
        ArgumentNullException.ThrowIfNull(options.ReconnectPolicy);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentNullException.ThrowIfNull(options.ServerUrls);
        foreach (var url in options.ServerUrls)
        {
            if (url is null || !url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
                throw new ArgumentException($"Every hub URL must be an absolute http:// or https:// URL, not '{url}'.", nameof(options));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var store = LocalStore.Open(options.ProfileDirectory);
        return Task.FromResult(new SyncClient(options, store));
    }

    /// <summary>The current status: state, activity, counts, error. Fresh on every read.</summary>
    public SyncStatus Status => _status.Current;

    /// <summary>The current connection state.</summary>
    public SyncState State => _status.State;

    /// <summary>
    /// The hub node the engine is connected through (one of <see cref="SyncSession.ServerUrls"/>), or null while not
    /// connected. Changes when the engine fails over to another node; <see cref="StatusChanged"/> is raised then.
    /// </summary>
    public Uri? ConnectedUrl => _status.Current.ConnectedUrl;

    /// <summary>The signed-in session, or null when signed out.</summary>
    public SyncSession? Session => _session?.ToPublic();

    /// <summary>
    /// Raised on every status transition: state, activity (syncing/in sync), pending, conflict or failed counts, error.
    /// Raised on the engine's or the editing thread; keep handlers short.
    /// </summary>
    public event EventHandler<SyncStatusChangedEventArgs>? StatusChanged;

    /// <summary>Raised after entities changed: by a local edit (<see cref="EntitiesChangedEventArgs.Remote"/> false) or by the hub.</summary>
    public event EventHandler<EntitiesChangedEventArgs>? EntitiesChanged;

    /// <summary>Starts the engine: connect, catch up, send the outbox, and keep syncing (reconnecting as needed) until stopped.</summary>
    /// <exception cref="SyncException"><c>unauthorized</c> when not signed in.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _engineLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_engine is not null) return;
            if (_store.LoadSession() is not { } session)
                throw new SyncException(ErrorCodes.Unauthorized, "Not signed in: sign in before starting to sync.");
            _session = session;
            var callbacks = new EngineCallbacks(RaiseEntitiesChanged, OnPresence, OnSessionRenewed, OnSignedOutRemotely, RaiseConflictDetected, RaiseWorkspacesChanged);
            var engine = new SyncEngine(_store, _status, _options, _logger, _metrics, _accounts, callbacks);
            _engine = engine;
            engine.Start();
        }
        finally
        {
            _engineLock.Release();
        }
    }

    /// <summary>Stops the engine and closes the connection. Pending changes stay in the outbox on disk.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _engineLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = _engine;
            if (engine is null) return;
            _engine = null;
            await engine.StopAsync(cancellationToken).ConfigureAwait(false);
            engine.Dispose();
        }
        finally
        {
            _engineLock.Release();
        }
    }

    /// <summary>
    /// Completes when the client is <see cref="SyncState.Online"/>, <see cref="SyncActivity.InSync"/>, with nothing pending.
    /// </summary>
    /// <exception cref="SyncException">
    /// The state is or becomes <see cref="SyncState.Error"/>, or <see cref="SyncState.Offline"/> with an error (signed out
    /// from elsewhere, token refused); its code is the status's error code.
    /// </exception>
    public async Task<SyncStatus> WaitForInSyncAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<SyncStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(SyncStatus status)
        {
            if (status is { State: SyncState.Online, Activity: SyncActivity.InSync, PendingChanges: 0 }) done.TrySetResult(status);
            else if (status.State == SyncState.Error || status is { State: SyncState.Offline, ErrorCode: not null })
                done.TrySetException(new SyncException(status.ErrorCode ?? ErrorCodes.Unavailable, status.ErrorMessage ?? "Sync failed."));
        }
        void OnChanged(object? sender, SyncStatusChangedEventArgs e) => Check(e.Current);

        StatusChanged += OnChanged;
        try
        {
            Check(Status);
            using var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
            return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            StatusChanged -= OnChanged;
        }
    }

    /// <summary>
    /// Forgets the synced copies (pending edits and conflicts are kept), sets the cursor to 0 and fetches everything again.
    /// Completes when caught up; when the engine is not running, only the local reset happens.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var engine = _engine;
        if (engine is null)
        {
            RequireSession();
            foreach (var workspaceId in Workspaces.Select(w => w.WorkspaceId))
            {
                _store.ResetForReload(workspaceId);
                RaiseEntitiesChanged(workspaceId, [], true);
            }
            _status.Refresh();
            return;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Post(new EngineSignal.Reload(done));
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the engine and releases the local store. Pending changes stay on disk for the next open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await StopAsync().ConfigureAwait(false);
        _store.Dispose();
        _metrics.Dispose();
        _accounts.Dispose();
        _engineLock.Dispose();
    }

    private LocalCounts ReadCounts() => _session is not null ? _store.GetTotalCounts() : LocalCounts.Empty;

    private StoredSession RequireSession() =>
        _session ?? throw new SyncException(ErrorCodes.Unauthorized, "Not signed in: sign in first.");

    private void RaiseEntitiesChanged(string workspaceId, IReadOnlyList<Protocol.Change> changes, bool remote)
    {
        try
        {
            EntitiesChanged?.Invoke(this, new EntitiesChangedEventArgs(workspaceId, changes, remote));
        }
#pragma warning disable CA1031 // An app's handler must not break the engine loop or the edit that raised the event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SyncClientLog.HandlerFailed(_logger, nameof(EntitiesChanged), ex);
        }
    }
}
