namespace SyncHub.Testing;

/// <summary>Time limits for awaits in tests: generous, because a failing test should fail, not hang, and a slow CI machine should not fail a good one.</summary>
public static class TestTimeouts
{
    /// <summary>The limit for any single await in a test.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit for starting a hub (in-process or as a process).</summary>
    public static TimeSpan Startup { get; } = TimeSpan.FromSeconds(60);
}
