namespace SyncHub.Testing;

/// <summary>Waits for a condition that another thread or process makes true; for states that have no event to await.</summary>
public static class TestWait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> (naming <paramref name="what"/>) after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TestTimeouts.Default;
        var start = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - start > limit)
                throw new TimeoutException($"Waited {limit} for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Polls an asynchronous <paramref name="condition"/> (e.g. an HTTP probe) until it holds, like <see cref="UntilAsync(Func{bool}, string, TimeSpan?)"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TestTimeouts.Default;
        var start = DateTime.UtcNow;
        while (!await condition().WaitAsync(limit))
        {
            if (DateTime.UtcNow - start > limit)
                throw new TimeoutException($"Waited {limit} for {what}.");
            await Task.Delay(50);
        }
    }
}
