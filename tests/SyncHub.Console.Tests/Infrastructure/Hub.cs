using SyncHub.Testing;

namespace SyncHub.Console.Tests;

/// <summary>Hub fixtures: a hub that can be stopped and started again at the same address, because a session remembers its hub's URL.</summary>
public static class Hub
{
    public static Task<HubHost> StartAsync(string dataDirectory, Uri? at = null) =>
        HubHost.StartAsync(
            settings: at is null ? null : new Dictionary<string, string?> { ["urls"] = at.GetLeftPart(UriPartial.Authority) },
            dataDirectory: dataDirectory).WaitAsync(TestTimeouts.Startup);

    /// <summary>Registers an account through the console and returns its username.</summary>
    public static async Task<string> RegisterAsync(Synchub synchub)
    {
        var username = TestAccounts.NewUsername("con");
        var run = await synchub.RunAsync("register", username, $"{username}@example.test", TestAccounts.DefaultPassword);
        run.ExitCode.Should().Be(0, run.ToString());
        return username;
    }
}
