using System.Globalization;

namespace SyncHub.LoadTest.Internal;

/// <summary>
/// The open-files limit of this process against what the devices will hold. Each device keeps its WebSocket and its
/// local store's SQLite files (database, WAL, shared memory, for more than one pooled connection) open: about 4
/// descriptors, measured at 5,000 devices. Past the limit the runtime aborts mid-connect with "Out of memory.", after
/// the sign-in has been paid for, so the generator says so before it starts.
/// </summary>
internal static class DescriptorLimit
{
    public const int PerDevice = 4;

    private const int Spare = 256;

    /// <summary>A warning when <paramref name="devices"/> would need more descriptors than the soft limit; null when they fit or the limit is unknown.</summary>
    public static string? Check(int devices, string limitsPath = "/proc/self/limits")
    {
        var limit = ReadSoftLimit(limitsPath);
        var needed = (long)devices * PerDevice + Spare;
        if (limit is null || needed <= limit) return null;
        var fits = Math.Max(0, (limit.Value - Spare) / PerDevice);
        return string.Create(CultureInfo.InvariantCulture,
            $"{devices} devices need about {needed} open files and this process may open {limit} (ulimit -n); the run would abort near {fits} connected devices. Raise the limit (ulimit -n {needed}, up to ulimit -Hn) or split the accounts over several synchub-load processes, each with its own --state.");
    }

    internal static long? ReadSoftLimit(string limitsPath)
    {
        if (!File.Exists(limitsPath)) return null;
        var line = File.ReadLines(limitsPath).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var fields = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 0 } && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
    }
}
