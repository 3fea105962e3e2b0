namespace SyncHub.Client.Tests;

/// <summary>Always the same delay (meant for a FakeTimeProvider the test advances); remembers every context it was asked with.</summary>
internal sealed class FixedDelayReconnectPolicy(TimeSpan delay) : IReconnectPolicy
{
    private readonly Lock _lock = new();
    private readonly List<ReconnectContext> _calls = [];

    public TimeSpan Delay { get; } = delay;

    public IReadOnlyList<ReconnectContext> Calls
    {
        get
        {
            lock (_lock) return [.. _calls];
        }
    }

    public TimeSpan? NextRetryDelay(ReconnectContext context)
    {
        lock (_lock) _calls.Add(context);
        return Delay;
    }
}
