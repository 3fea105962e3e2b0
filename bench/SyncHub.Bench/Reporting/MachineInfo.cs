using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace SyncHub.Bench.Reporting;

/// <summary>What the figures were measured on.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string Os, string Kernel, string Runtime, string Sdk, string Gc, string TempFileSystem, string LoadAverage)
{
    public static MachineInfo Collect() => new(
        Environment.ProcessorCount,
        ReadField("/proc/cpuinfo", "model name", ':') ?? "unknown CPU",
        ReadMemTotalGiB(),
        (ReadField("/etc/os-release", "PRETTY_NAME", '=') ?? RuntimeInformation.OSDescription).Trim('"'),
        File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.GetEnvironmentVariable("BENCH_DOTNET_SDK") ?? "unknown",
        GCSettings.IsServerGC ? "server GC" : "workstation GC",
        FileSystemOf(Path.GetTempPath()),
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown");

    private static string? ReadField(string path, string key, char separator)
    {
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == key) return line[(at + 1)..].Trim();
        }
        return null;
    }

    private static double ReadMemTotalGiB()
    {
        var text = ReadField("/proc/meminfo", "MemTotal", ':');
        if (text is null) return double.NaN;
        var kb = long.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        return kb / (1024.0 * 1024.0);
    }

    /// <summary>The mount the temp directory is on: tmpfs would make the store's flushes free and the figures meaningless.</summary>
    private static string FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts")) return "unknown";
        string best = string.Empty, type = "unknown", device = string.Empty;
        foreach (var line in File.ReadLines("/proc/mounts"))
        {
            var parts = line.Split(' ');
            if (parts.Length < 3) continue;
            var mount = parts[1];
            if (path.StartsWith(mount, StringComparison.Ordinal) && mount.Length > best.Length)
            {
                best = mount;
                device = parts[0];
                type = parts[2];
            }
        }
        return $"{type} ({device} on {best})";
    }
}
