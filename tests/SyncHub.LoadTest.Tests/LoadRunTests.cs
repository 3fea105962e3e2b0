using System.Text.Json;
using Spectre.Console;
using SyncHub.Testing;

namespace SyncHub.LoadTest.Tests;

/// <summary>The load generator end to end, against a real hub on loopback, and its command line.</summary>
public sealed class LoadRunTests : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = TempDirectory.Create("load");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    private static (IAnsiConsole Console, StringWriter Output) TextConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        return (console, output);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var (console, output) = TextConsole();
        using var cts = new CancellationTokenSource(RunTimeout);
        var code = await LoadCommand.InvokeAsync(args, console, cts.Token).WaitAsync(RunTimeout);
        return (code, output.ToString());
    }

    private string[] Args(string report, string churn) =>
    [
        "--url", _hub.BaseUrl.ToString(), "--accounts", "3", "--devices", "3", "--duration", "2", "--state", Path.Combine(_dir.Path, "state"),
        "--report", report, "--no-live", "--churn", churn, "--offline-time", "0.5", "--offline-edits", "2", "--drain-timeout", "60",
    ];

    [Fact]
    public async Task A_run_with_churn_delivers_every_change_once_verifies_and_a_second_run_reuses_its_accounts()
    {
        var first = Path.Combine(_dir.Path, "first.json");
        var (code, output) = await RunAsync(Args(first, "0.34"));

        code.Should().Be(0, output);
        output.Should().Contain("verification").And.Contain("PASSED");
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(first)))
        {
            var root = json.RootElement;
            root.GetProperty("accountsRegistered").GetInt32().Should().Be(3);
            root.GetProperty("devicesSignedIn").GetInt32().Should().Be(9);
            root.GetProperty("devicesConnected").GetInt32().Should().Be(9);
            var accepted = root.GetProperty("accepted").GetInt64();
            accepted.Should().BePositive();
            root.GetProperty("writtenOffline").GetInt64().Should().BePositive("a third of the devices went offline and edited");
            // Every accepted change reaches the 2 other devices of its account; a device restored from a snapshot after
            // churn is told some entities again, so deliveries may be more.
            root.GetProperty("delivered").GetInt64().Should().BeGreaterThanOrEqualTo(2 * accepted);
            var fanOut = root.GetProperty("fanOut");
            foreach (var figure in new[] { "p50", "p90", "p99", "p999", "max" })
                fanOut.TryGetProperty(figure, out _).Should().BeTrue($"the report has fan-out {figure}");
            var verification = root.GetProperty("verification");
            verification.GetProperty("passed").GetBoolean().Should().BeTrue();
            verification.GetProperty("missing").GetInt64().Should().Be(0);
            // The write phase's changes and each device's collection from the setup phase, each to the 2 other devices.
            verification.GetProperty("expected").GetInt64().Should().Be(2 * (accepted + 9));
        }

        var second = Path.Combine(_dir.Path, "second.json");
        (code, output) = await RunAsync([.. Args(second, "0"), "--warmup", "1", "--rate", "20"]);

        code.Should().Be(0, output);
        using var again = JsonDocument.Parse(await File.ReadAllTextAsync(second));
        var warmupWritten = again.RootElement.GetProperty("warmupWritten").GetInt64();
        warmupWritten.Should().BePositive("a second of warm-up at 20 changes/s writes");
        again.RootElement.GetProperty("warmupSeconds").GetDouble().Should().Be(1);
        // The warm-up's changes are verified like the rest but are not in the measured figures (the devices' collections
        // are those of the first run, found again, so the setup adds none).
        again.RootElement.GetProperty("verification").GetProperty("expected").GetInt64()
            .Should().Be(2 * (again.RootElement.GetProperty("accepted").GetInt64() + warmupWritten));
        again.RootElement.GetProperty("accountsRegistered").GetInt32().Should().Be(0, "the accounts of the state directory are reused");
        again.RootElement.GetProperty("devicesSignedIn").GetInt32().Should().Be(0, "so are the devices' sessions");
        again.RootElement.GetProperty("verification").GetProperty("passed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Help_explains_each_option()
    {
        var (code, output) = await RunAsync("--help");

        code.Should().Be(0);
        foreach (var option in new[] { "--url", "--accounts", "--devices", "--state", "--ramp", "--rate", "--duration", "--churn", "--report", "--drain-timeout" })
            output.Should().Contain(option);
    }

    [Fact]
    public async Task A_value_out_of_range_is_a_usage_error_that_names_the_option()
    {
        var (code, output) = await RunAsync("--accounts", "0", "--state", Path.Combine(_dir.Path, "none"));

        code.Should().Be(2);
        output.Should().Contain("--accounts");
        Directory.Exists(Path.Combine(_dir.Path, "none")).Should().BeFalse("nothing runs on a usage error");
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (code, _) = await RunAsync("--no-such-option");

        code.Should().Be(2);
    }
}
