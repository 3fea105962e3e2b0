using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SyncHub.Testing;

/// <summary>
/// A real <c>redis-server</c> process on a free loopback port with its own data directory, started and stopped by the
/// test. <see cref="KillAsync"/> is a crash (SIGKILL), <see cref="RestartAsync"/> starts it again on the same port and
/// directory (so an AOF file brings the data back), <see cref="PauseAsync"/> makes it unreachable without losing anything.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>The command that installs the server on Debian, named in the failure when it is missing.</summary>
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y redis-server";

    private static readonly Lazy<Task<RedisServer>> SharedServer = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly RedisServerOptions _options;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private RedisServer(RedisServerOptions options, int port, string dataDirectory)
    {
        _options = options;
        Port = port;
        DataDirectory = dataDirectory;
    }

    /// <summary>The port it listens on (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>Where its AOF and RDB files live.</summary>
    public string DataDirectory { get; }

    /// <summary>The StackExchange.Redis configuration string that reaches it (the value of <c>SyncHub:Redis</c>).</summary>
    public string ConfigurationString => $"127.0.0.1:{Port}";

    /// <summary>Whether the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server wrote (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock) return _output.ToString();
        }
    }

    /// <summary>
    /// One server shared by every test of the process that needs only "a Redis" (each hub on it takes its own key prefix);
    /// it lives until the test process ends. Tests that kill or restart Redis start their own.
    /// </summary>
    public static Task<RedisServer> SharedAsync() => SharedServer.Value;

    /// <summary>Starts a server on a free port; fails with the install command when <c>redis-server</c> is missing.</summary>
    public static async Task<RedisServer> StartAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(options ?? new RedisServerOptions(), FreePort(), TempDirectory.CreatePath("redis"));
        try
        {
            await server.StartProcessAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static async Task<RedisServer> StartSharedAsync()
    {
        var server = await StartAsync(new RedisServerOptions { AppendOnly = false });
        // Nothing disposes a process-wide server: it goes with the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server._process?.Kill();
            }
            catch (InvalidOperationException)
            {
            }
            TempDirectory.TryDelete(server.DataDirectory);
        };
        return server;
    }

    /// <summary>Kills the server at once (SIGKILL): what its persistence had not written is gone.</summary>
    public Task KillAsync()
    {
        var process = _process;
        if (process is null || process.HasExited) return Task.CompletedTask;
        process.Kill();
        return process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
    }

    /// <summary>Starts the server again on the same port and directory (killing it first if it still runs).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync();
        _process?.Dispose();
        _process = null;
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Stops the process (SIGSTOP): connections stay open but nothing answers, as when a network path dies.</summary>
    public Task PauseAsync() => Signal("STOP");

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public Task ResumeAsync() => Signal("CONT");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await Signal("CONT");
            await KillAsync();
        }
        _process?.Dispose();
        _process = null;
        TempDirectory.TryDelete(DataDirectory);
    }

    private async Task Signal(string signal)
    {
        if (_process is not { HasExited: false } process) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {process.Id}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", DataDirectory,
            "--save", "",
            "--appendonly", _options.AppendOnly ? "yes" : "no",
            "--appendfsync", _options.AppendFsync,
            "--protected-mode", "no",
            "--daemonize", "no",
            "--loglevel", "warning",
        })
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("Could not start redis-server.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"redis-server is not installed; the tests need it. Install it with: {InstallCommand}", ex);
        }
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(process, cancellationToken);
    }

    // Polls PING until the server answers (it loads its AOF first); this is readiness, not a timing assertion.
    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Startup;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"redis-server ended at start (exit code {process.ExitCode}).\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                if (read > 0 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"redis-server did not answer on port {Port} within {TestTimeouts.Startup}.\n{Output}");
            await Task.Delay(20, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_outputLock)
        {
            if (_output.Length < 100_000) _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
