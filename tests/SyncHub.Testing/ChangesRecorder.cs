using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;

namespace SyncHub.Testing;

/// <summary>Records every <c>Changes</c> push a connection receives and lets a test wait for one.</summary>
public sealed class ChangesRecorder : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ChangesPush> _pushes = [];
    private readonly List<(Func<IReadOnlyList<ChangesPush>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly IDisposable _subscription;

    /// <summary>Starts recording on <paramref name="connection"/> (register before subscribing to miss nothing).</summary>
    public ChangesRecorder(HubConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _subscription = connection.On<ChangesPush>(HubMethods.Changes, OnPush);
    }

    /// <summary>Every push so far, in arrival order.</summary>
    public IReadOnlyList<ChangesPush> Pushes
    {
        get
        {
            lock (_lock) return [.. _pushes];
        }
    }

    /// <summary>Every pushed change so far, in arrival order.</summary>
    public IReadOnlyList<Change> Changes
    {
        get
        {
            lock (_lock) return [.. _pushes.SelectMany(p => p.Changes)];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the pushes received (checked at once and on each push).</summary>
    public Task WaitForAsync(Func<IReadOnlyList<ChangesPush>, bool> condition, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_pushes)) return Task.CompletedTask;
            _waiters.Add((condition, done));
        }
        return done.Task.WaitAsync(timeout ?? TestTimeouts.Default);
    }

    /// <summary>Waits for the push of <paramref name="seq"/> in <paramref name="workspaceId"/> and returns that change.</summary>
    public async Task<Change> WaitForSeqAsync(string workspaceId, long seq, TimeSpan? timeout = null)
    {
        await WaitForAsync(pushes => pushes.Any(p => p.WorkspaceId == workspaceId && p.Changes.Any(c => c.Seq == seq)), timeout);
        lock (_lock) return _pushes.Where(p => p.WorkspaceId == workspaceId).SelectMany(p => p.Changes).First(c => c.Seq == seq);
    }

    /// <inheritdoc />
    public void Dispose() => _subscription.Dispose();

    private void OnPush(ChangesPush push)
    {
        List<TaskCompletionSource> ready = [];
        lock (_lock)
        {
            _pushes.Add(push);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_pushes))
                {
                    ready.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var done in ready) done.TrySetResult();
    }
}
