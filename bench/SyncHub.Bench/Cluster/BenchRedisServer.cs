using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench.Cluster;

/// <summary>
/// The cluster scenario's own <c>redis-server</c>: a child process on a free loopback port with its data directory in a
/// fresh temp directory, the append-only file on (fsync policy as given), killed and removed at the end.
/// </summary>
internal sealed class BenchRedisServer : IAsyncDisposable
{
    /// <summary>What installs the server on Debian, named in the failure when it is missing.</summary>
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y redis-server";

    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;
    private ConnectionMultiplexer? _admin;

    private BenchRedisServer(int port, string dataDirectory, string appendFsync)
    {
        Port = port;
        DataDirectory = dataDirectory;
        AppendFsync = appendFsync;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>The AOF fsync policy: <c>always</c> (every acknowledged write on disk), <c>everysec</c> or <c>no</c>.</summary>
    public string AppendFsync { get; }

    /// <summary>The StackExchange.Redis configuration string (the value of <c>SyncHub:Redis</c>).</summary>
    public string ConfigurationString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The server's CPU and disk counters.</summary>
    public ProcessUsage Usage => new((_process ?? throw new InvalidOperationException("redis-server is not running.")).Id);

    /// <summary>The version line of <c>redis-server --version</c>, for the report.</summary>
    public string Version { get; private set; } = "unknown";

    /// <summary>Starts a server; fails with the install command when <c>redis-server</c> is not installed.</summary>
    public static async Task<BenchRedisServer> StartAsync(string appendFsync, CancellationToken cancellationToken)
    {
        var server = new BenchRedisServer(FreePort(), Directory.CreateTempSubdirectory("synchub-bench-redis-").FullName, appendFsync);
        try
        {
            server.Version = await ReadVersionAsync(cancellationToken).ConfigureAwait(false);
            await server.StartProcessAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    /// <summary>Memory Redis holds and the size of its append-only files, for the report.</summary>
    public async Task<string> DescribeAsync()
    {
        _admin ??= await ConnectionMultiplexer.ConnectAsync(AdminOptions()).ConfigureAwait(false);
        var info = await _admin.GetServer(ConfigurationString).InfoAsync("memory").ConfigureAwait(false);
        var used = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "used_memory").Value;
        var aof = new DirectoryInfo(DataDirectory).GetFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        var usedMiB = long.TryParse(used, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes / (1024.0 * 1024.0) : double.NaN;
        return string.Create(CultureInfo.InvariantCulture, $"Redis used_memory {usedMiB:F1} MiB, append-only files {aof / (1024.0 * 1024.0):F1} MiB (appendfsync {AppendFsync})");
    }

    /// <summary>Calls so far of each command (<c>INFO commandstats</c>), to count what a change costs in Redis.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadCommandCallsAsync()
    {
        _admin ??= await ConnectionMultiplexer.ConnectAsync(AdminOptions()).ConfigureAwait(false);
        var info = await _admin.GetServer(ConfigurationString).InfoAsync("commandstats").ConfigureAwait(false);
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in info.SelectMany(g => g))
        {
            // cmdstat_hget: calls=12,usec=34,...
            if (!pair.Key.StartsWith("cmdstat_", StringComparison.Ordinal)) continue;
            var field = pair.Value.Split(',')[0];
            if (field.StartsWith("calls=", StringComparison.Ordinal) && long.TryParse(field.AsSpan("calls=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                calls[pair.Key["cmdstat_".Length..]] = n;
        }
        return calls;
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null) await _admin.DisposeAsync().ConfigureAwait(false);
        _admin = null;
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        _process?.Dispose();
        _process = null;
        BenchHousekeeping.TryDelete(DataDirectory);
    }

    private ConfigurationOptions AdminOptions()
    {
        var options = ConfigurationOptions.Parse(ConfigurationString);
        options.AllowAdmin = true;
        return options;
    }

    private static async Task<string> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("redis-server", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("Could not start redis-server.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"redis-server is not installed; the cluster scenario needs it. Install it with: {InstallCommand}", ex);
        }
        using (process)
        {
            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return text.Trim();
        }
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
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", DataDirectory,
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", AppendFsync,
            "--protected-mode", "no",
            "--daemonize", "no",
            "--loglevel", "warning",
        })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Readiness: PING until it answers +PONG.
        var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"redis-server ended at start (exit code {process.ExitCode}).\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                if (read > 0 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"redis-server did not answer on port {Port} within 30 s.\n{Output}");
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Output
    {
        get
        {
            lock (_outputLock) return _output.ToString();
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
