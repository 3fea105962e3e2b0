using System.Collections.Concurrent;

namespace SyncHub.Client.TestSupport;

/// <summary>Records every status a client raises, to assert on the sequence of transitions.</summary>
public sealed class StatusRecorder : IDisposable
{
    private readonly SyncClient _client;
    private readonly ConcurrentQueue<SyncStatus> _seen = new();

    public StatusRecorder(SyncClient client)
    {
        _client = client;
        _client.StatusChanged += OnChanged;
    }

    public IReadOnlyList<SyncStatus> Seen => [.. _seen];

    private void OnChanged(object? sender, SyncStatusChangedEventArgs e) => _seen.Enqueue(e.Current);

    public void Dispose() => _client.StatusChanged -= OnChanged;
}
