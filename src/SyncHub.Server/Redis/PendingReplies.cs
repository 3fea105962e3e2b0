namespace SyncHub.Server.Redis;

/// <summary>
/// The confirmations a node awaits for one device event it sent. Replies may arrive before the node learns how many
/// nodes received the event (PUBLISH answers after delivering), so both are counted under one lock.
/// </summary>
internal sealed class PendingReplies
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _received;
    private int _expected = -1;

    /// <summary>Completes once as many replies arrived as were expected.</summary>
    public Task All => _all.Task;

    public int Received
    {
        get
        {
            lock (_lock) return _received;
        }
    }

    public void Reply()
    {
        lock (_lock)
        {
            _received++;
            CompleteIfDone();
        }
    }

    public void Expect(int count)
    {
        lock (_lock)
        {
            _expected = count;
            CompleteIfDone();
        }
    }

    private void CompleteIfDone()
    {
        if (_expected >= 0 && _received >= _expected) _all.TrySetResult();
    }
}
