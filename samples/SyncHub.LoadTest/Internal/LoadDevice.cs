using System.Diagnostics;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.LoadTest.Internal;

/// <summary>
/// One simulated device: a real <see cref="SyncClient"/> with its own profile, the changes it received (for the
/// verification) and a signal for the write loop when its outbox shrinks.
/// </summary>
internal sealed class LoadDevice : IAsyncDisposable
{
    /// <summary>The JSON field of a written body that carries its send time (a <see cref="Stopwatch"/> timestamp of this process).</summary>
    public const string SentField = "x-load-sent";

    private readonly LoadMetrics _metrics;
    private readonly List<Delivery> _deliveries = [];
    private readonly List<string> _written = [];
    private TaskCompletionSource _statusChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _recording = true;
    private string _workspaceId = string.Empty;

    public LoadDevice(int account, int index, SyncClient client, LoadMetrics metrics)
    {
        Account = account;
        Index = index;
        Client = client;
        _metrics = metrics;
        client.EntitiesChanged += OnEntitiesChanged;
        client.StatusChanged += OnStatusChanged;
    }

    public int Account { get; }

    public int Index { get; }

    public SyncClient Client { get; }

    public string Name => $"account {Account} device {Index}";

    /// <summary>The account's personal workspace, where all of the run's writes go.</summary>
    public string WorkspaceId => _workspaceId;

    /// <summary>The collection this device writes its requests into.</summary>
    public string? CollectionId { get; set; }

    public bool Started { get; set; }

    public bool Offline { get; set; }

    /// <summary>Entity ids this device created in this run, in order.</summary>
    public IReadOnlyList<string> Written { get { lock (_written) return [.. _written]; } }

    /// <summary>What the device received from the hub in this run, in the order it was applied.</summary>
    public IReadOnlyList<Delivery> Deliveries { get { lock (_deliveries) return [.. _deliveries]; } }

    public void Bind(string workspaceId)
    {
        _workspaceId = workspaceId;
        Client.SwitchWorkspace(workspaceId);
    }

    /// <summary>Stops recording deliveries (the verification's reload refetches everything).</summary>
    public void StopRecording() => _recording = false;

    /// <summary>Completes at the device's next status change (its outbox shrank, it connected, ...).</summary>
    public Task NextStatusChange() => Volatile.Read(ref _statusChanged).Task;

    /// <summary>Creates one request, its body stamped with the send time; offline writes are marked so their wait is not counted as latency.</summary>
    public async Task WriteAsync(string body, CancellationToken cancellationToken)
    {
        var id = await Client.CreateAsync(EntityKinds.Request, CollectionId, body, cancellationToken).ConfigureAwait(false);
        lock (_written) _written.Add(id);
        _metrics.Written(Offline);
    }

    /// <summary>Creates the collection this device writes into; it counts as one of the run's changes.</summary>
    public async Task<string> CreateCollectionAsync(string body, CancellationToken cancellationToken)
    {
        var id = await Client.CreateAsync(EntityKinds.Collection, null, body, cancellationToken).ConfigureAwait(false);
        lock (_written) _written.Add(id);
        return id;
    }

    private void OnStatusChanged(object? sender, SyncStatusChangedEventArgs e)
    {
        var previous = Interlocked.Exchange(ref _statusChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
        if (e.Current.ErrorCode is { } code && e.Previous.ErrorCode != code) _metrics.Error(code);
    }

    private void OnEntitiesChanged(object? sender, EntitiesChangedEventArgs e)
    {
        if (!e.Remote || !_recording || e.WorkspaceId != _workspaceId || e.Changes.Count == 0) return;
        var now = Stopwatch.GetTimestamp();
        lock (_deliveries)
        {
            foreach (var change in e.Changes)
            {
                _deliveries.Add(new Delivery(change.Seq, change.EntityId, change.Op));
                if (change.Body is { } body && SentStamp.TryRead(body, out var sent))
                    _metrics.Delivered(Stopwatch.GetElapsedTime(sent, now));
                else
                    _metrics.Delivered(null);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.EntitiesChanged -= OnEntitiesChanged;
        Client.StatusChanged -= OnStatusChanged;
        await Client.DisposeAsync().ConfigureAwait(false);
    }
}
