namespace SyncHub.Client;

/// <summary>
/// Exponential backoff with full jitter: the n-th retry waits a random time between zero and
/// <c>min(MaxDelay, InitialDelay * 2^n)</c>. Full jitter spreads the reconnects of many devices after a hub restart
/// so that they do not arrive in waves. It never gives up.
/// </summary>
public sealed class ExponentialBackoffReconnectPolicy : IReconnectPolicy
{
    private readonly Random _random;
    private readonly Lock _randomLock = new();

    /// <summary>Creates the policy with an initial delay of 250 ms and a maximum of 30 s.</summary>
    public ExponentialBackoffReconnectPolicy()
        : this(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), random: null)
    {
    }

    /// <summary>Creates the policy with the given bounds; pass a seeded <paramref name="random"/> for repeatable delays.</summary>
    public ExponentialBackoffReconnectPolicy(TimeSpan initialDelay, TimeSpan maxDelay, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        InitialDelay = initialDelay;
        MaxDelay = maxDelay;
        _random = random ?? Random.Shared;
    }

    /// <summary>The upper bound of the first retry's delay.</summary>
    public TimeSpan InitialDelay { get; }

    /// <summary>The largest delay ever returned.</summary>
    public TimeSpan MaxDelay { get; }

    /// <inheritdoc />
    public TimeSpan? NextRetryDelay(ReconnectContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ceiling = Ceiling(context.PreviousRetryCount);
        double fraction;
        lock (_randomLock)
        {
            fraction = _random.NextDouble();
        }
        return TimeSpan.FromTicks((long)(ceiling.Ticks * fraction));
    }

    /// <summary>The upper bound of the delay after <paramref name="previousRetryCount"/> failed retries.</summary>
    public TimeSpan Ceiling(int previousRetryCount)
    {
        // Cap the exponent so the shift cannot overflow; 2^30 * 250 ms is far past any sane maximum anyway.
        var exponent = Math.Clamp(previousRetryCount, 0, 30);
        var ticks = InitialDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
