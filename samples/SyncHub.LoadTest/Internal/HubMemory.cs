using System.Globalization;

namespace SyncHub.LoadTest.Internal;

/// <summary>Resident memory of hub processes on this machine, from /proc (Linux); null where it cannot be read.</summary>
internal static class HubMemory
{
    public static long? Read(IReadOnlyList<int> processIds)
    {
        if (processIds.Count == 0) return null;
        long total = 0;
        foreach (var pid in processIds)
        {
            var path = $"/proc/{pid}/status";
            if (!File.Exists(path)) return null;
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is null) return null;
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            total += long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return total;
    }
}
