namespace SyncHub.Testing;

/// <summary>
/// Which store the hub tests run on: the contract suites run once per store (scripts/test.sh runs them a second time with
/// <c>SYNCHUB_TEST_STORE=redis</c>), so every sync behaviour is checked on both from one copy of the tests.
/// </summary>
public static class HubStores
{
    /// <summary>The environment variable that selects the store (<c>sqlite</c>, the default, or <c>redis</c>).</summary>
    public const string Variable = "SYNCHUB_TEST_STORE";

    /// <summary>The store of this test run.</summary>
    public static HubStore Current { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    private static HubStore Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => HubStore.Sqlite,
        "redis" => HubStore.Redis,
        _ => throw new InvalidOperationException($"{Variable} must be 'sqlite' or 'redis' (was '{value}')."),
    };
}
