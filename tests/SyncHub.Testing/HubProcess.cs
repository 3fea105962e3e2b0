using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SyncHub.Testing;

/// <summary>
/// The hub as a separate OS process (<c>dotnet SyncHub.Server.dll</c>) on a free loopback port, for tests
/// that kill it (SIGKILL) and start it again on the same data directory.
/// </summary>
public sealed partial class HubProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 200_000;
    private readonly IDictionary<string, string?>? _settings;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;
    private TaskCompletionSource<Uri>? _listening;

    private HubProcess(string dataDirectory, bool keep, IDictionary<string, string?>? settings)
    {
        DataDirectory = dataDirectory;
        KeepDataDirectory = keep;
        _settings = settings;
    }

    /// <summary>Where the current process listens (learned from its "Now listening on" log line).</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The hub's data directory, kept across <see cref="RestartAsync"/>.</summary>
    public string DataDirectory { get; }

    /// <summary>When true, dispose leaves <see cref="DataDirectory"/>. True when the caller supplied the directory.</summary>
    public bool KeepDataDirectory { get; set; }

    /// <summary>The OS process id of the current hub process.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Whether the current process has ended (or none was started).</summary>
    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>What the processes wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock) return _output.ToString();
        }
    }

    /// <summary>The server's assembly: next to this library when the project reference copied it with its runtimeconfig, else in the server project's bin folder.</summary>
    public static string ServerAssemblyPath => LocateServerAssembly();

    /// <summary>
    /// Starts the hub process. <paramref name="settings"/> become <c>--key value</c> arguments (e.g. <c>SyncHub:CommitBatchSize</c>).
    /// Without <paramref name="dataDirectory"/> a fresh temp directory is used and deleted on dispose.
    /// </summary>
    public static async Task<HubProcess> StartAsync(
        string? dataDirectory = null,
        IDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var hub = new HubProcess(dataDirectory ?? TempDirectory.CreatePath("hubproc"), keep: dataDirectory is not null, settings);
        try
        {
            await hub.StartProcessAsync(cancellationToken);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return hub;
    }

    /// <summary>Kills the process at once with SIGKILL (no shutdown, no flush beyond what was already durable) and waits for it to end.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TestTimeouts.Default);
    }

    /// <summary>Starts a new hub process on the same data directory (killing the current one first if it still runs). The port may change.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        _process?.Dispose();
        _process = null;
        await StartProcessAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        if (!KeepDataDirectory) TempDirectory.TryDelete(DataDirectory);
        return ValueTask.CompletedTask;
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        info.ArgumentList.Add(ServerAssemblyPath);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["SyncHub:DataDirectory"] = DataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:Console:FormatterOptions:ColorBehavior"] = "Disabled",
            ["SyncHub:SignIn:PermitsPerAddress"] = HubHost.TestPermits,
            ["SyncHub:SignIn:PermitsPerLogin"] = HubHost.TestPermits,
            ["SyncHub:MaxDevicesPerAccount"] = HubHost.TestMaxDevices,
        })
        {
            info.ArgumentList.Add("--" + key);
            info.ArgumentList.Add(value!);
        }
        if (_settings is not null)
        {
            foreach (var (key, value) in _settings)
            {
                info.ArgumentList.Add("--" + key);
                info.ArgumentList.Add(value ?? string.Empty);
            }
        }
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _listening = listening;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The hub process ended before it listened.\n{Output}"));
        if (!process.Start())
            throw new InvalidOperationException("Could not start the hub process.");
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            BaseUrl = await listening.Task.WaitAsync(TestTimeouts.Startup, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            Kill();
            throw new TimeoutException($"The hub process did not report its address within {TestTimeouts.Startup}.\n{Output}", ex);
        }
    }

    private void OnLine(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null) return;
        lock (_outputLock)
        {
            if (_output.Length < MaxOutputChars) _output.AppendLine(line);
        }
        var match = ListeningPattern().Match(line);
        if (match.Success)
        {
            var address = match.Groups[1].Value;
            listening.TrySetResult(new Uri(address.EndsWith('/') ? address : address + "/"));
        }
    }

    private static string LocateServerAssembly()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "SyncHub.Server.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "SyncHub.Server.runtimeconfig.json")))
            return local;

        // Fall back to the server project's own output, same configuration as this build.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var binDir = Path.Combine(dir.FullName, "src", "SyncHub.Server", "bin");
            if (!Directory.Exists(binDir)) continue;
            var preferred = Path.Combine(binDir, configuration, "net10.0", "SyncHub.Server.dll");
            if (File.Exists(preferred)) return preferred;
            var any = Directory.GetFiles(binDir, "SyncHub.Server.dll", SearchOption.AllDirectories).FirstOrDefault();
            if (any is not null) return any;
        }
        throw new FileNotFoundException("SyncHub.Server.dll (with its runtimeconfig.json) was not found next to the tests nor under src/SyncHub.Server/bin: build the server first.");
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex ListeningPattern();
}
