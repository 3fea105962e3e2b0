using System.Diagnostics;
using System.Text.Json;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class ShellAndWatchTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-shell");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_shell_runs_piped_commands_with_quotes_and_shows_the_state_in_its_prompt()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "shell"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(device);
        var script = $"""
            login {username} "{TestAccounts.DefaultPassword}" --device "shell device"
            add collection "My shell API"
            bogus-command
            ls --json
            exit
            add collection "never runs"
            """;

        var run = await device.RunWithInputAsync(script);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Err.Should().Contain("synchub [").And.Contain("] > ");
        run.Err.Should().Contain("error: ", "the bad line is reported and the shell goes on");
        var id = run.OutLines[0];
        var json = run.Out[run.Out.IndexOf('[', StringComparison.Ordinal)..];
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("name").GetString()))
            .Should().Equal((id, "My shell API"));
        run.Err.Should().NotContain(TestAccounts.DefaultPassword);

        // What the shell added reached the hub: a fresh device sees it.
        var other = new Synchub(Path.Combine(_temp.Path, "other"), _hub.BaseUrl);
        await other.SignInAsync(username, device: "other");
        await other.SyncAsync();
        (await other.RunAsync("ls", "--json")).Out.Should().Contain("My shell API");
    }

    [Fact]
    public async Task The_shell_prompt_shows_online_in_sync_once_the_engine_caught_up()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "prompt"), _hub.BaseUrl);
        await device.SignInAsync(await Hub.RegisterAsync(device));

        // 'sync' inside the shell waits for the background engine; the prompt after it is live.
        var run = await device.RunWithInputAsync("sync\nstatus --json\n");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Err.Should().Contain("synchub [online: in sync] > ");
        using var doc = JsonDocument.Parse(run.Out);
        doc.RootElement.GetProperty("state").GetString().Should().Be("online");
        doc.RootElement.GetProperty("activity").GetString().Should().Be("in_sync");
    }

    [Fact]
    public async Task The_shell_prompt_says_when_the_scratch_pad_is_where_edits_go()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "scratch-prompt"), _hub.BaseUrl);
        await device.SignInAsync(await Hub.RegisterAsync(device));

        var run = await device.RunWithInputAsync("sync\nscratch\nls\n");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Err.Should().Contain("synchub [online: in sync] > ").And.Contain("synchub [scratch pad, online: in sync] > ");
    }

    [Fact]
    public async Task Watch_shows_changes_from_another_device_until_cancelled()
    {
        var watcher = new Synchub(Path.Combine(_temp.Path, "watcher"), _hub.BaseUrl);
        var editor = new Synchub(Path.Combine(_temp.Path, "editor"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(watcher);
        await watcher.SignInAsync(username, device: "watcher");
        await editor.SignInAsync(username, device: "editor");

        using var output = new ObservableWriter();
        using var error = new ObservableWriter();
        using var stop = new CancellationTokenSource();
        var watching = watcher.StartAsync(output, error, stop.Token, "watch");
        await output.WaitForAsync(text => text.Contains("online: in sync", StringComparison.Ordinal), TestTimeouts.Default);

        var id = await editor.AddAsync("collection", "Seen live");
        await output.WaitForAsync(text => text.Contains(id, StringComparison.Ordinal), TestTimeouts.Default);

        await stop.CancelAsync();
        (await watching.WaitAsync(TestTimeouts.Default)).Should().Be(0, error.Text);
        output.Text.Should().Contain("created collection").And.Contain("'Seen live'");
    }

    [Fact]
    public async Task Watch_shows_a_workspace_shared_with_this_account()
    {
        var watcher = new Synchub(Path.Combine(_temp.Path, "ws-watcher"), _hub.BaseUrl);
        var owner = new Synchub(Path.Combine(_temp.Path, "ws-owner"), _hub.BaseUrl);
        var member = await Hub.RegisterAsync(watcher);
        await watcher.SignInAsync(member, device: "watcher");
        await owner.SignInAsync(await Hub.RegisterAsync(owner), device: "owner");
        var team = (await owner.RunAsync("workspace", "create", "Shared team")).OutLines.Single();

        using var output = new ObservableWriter();
        using var error = new ObservableWriter();
        using var stop = new CancellationTokenSource();
        var watching = watcher.StartAsync(output, error, stop.Token, "watch");
        await output.WaitForAsync(text => text.Contains("online: in sync", StringComparison.Ordinal), TestTimeouts.Default);
        (await owner.RunAsync("members", "add", member, "--workspace", team)).ExitCode.Should().Be(0);
        await output.WaitForAsync(text => text.Contains($"workspace 'Shared team' {team} (member)", StringComparison.Ordinal), TestTimeouts.Default);

        await stop.CancelAsync();
        (await watching.WaitAsync(TestTimeouts.Default)).Should().Be(0, error.Text);
    }

    [Fact]
    public async Task The_real_executable_reads_piped_stdin_and_keeps_stdout_for_results()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "synchub.dll");
        var profile = Path.Combine(_temp.Path, "process");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--profile", profile, "--server", _hub.BaseUrl.ToString() }) start.ArgumentList.Add(arg);
        start.Environment.Remove("SYNCHUB_SERVER");
        start.Environment.Remove("SYNCHUB_PROFILE");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("status --json");
        // Signed out, 'add' works in the Scratch Pad; 'sync' needs an account.
        await process.StandardInput.WriteLineAsync("sync");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TestTimeouts.Startup);
        await process.WaitForExitAsync(timeout.Token);

        var err = await stderr.WaitAsync(TestTimeouts.Default);
        var result = await stdout.WaitAsync(TestTimeouts.Default);
        process.ExitCode.Should().Be(1, "the last line failed: not signed in\n" + err);
        using var doc = JsonDocument.Parse(result);
        doc.RootElement.GetProperty("signedIn").GetBoolean().Should().BeFalse();
        err.Should().Contain("synchub [scratch pad, signed out] > ", "signed out, edits go to the Scratch Pad").And.Contain("Not signed in");
    }
}
