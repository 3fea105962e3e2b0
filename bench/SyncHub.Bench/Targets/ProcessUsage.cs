using System.Globalization;

namespace SyncHub.Bench.Targets;

/// <summary>
/// CPU time and bytes written to storage of another process the benchmark started (redis-server), from /proc, so that
/// its share is shown apart and not counted as "other processes" skewing the run.
/// </summary>
internal sealed class ProcessUsage(int processId)
{
    // The kernel's USER_HZ, which /proc/PID/stat counts in (100 on every Linux build this runs on).
    private const double TicksPerSecond = 100.0;

    public int ProcessId { get; } = processId;

    /// <summary>User plus system CPU time so far; zero once the process is gone.</summary>
    public TimeSpan ReadCpu()
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{ProcessId}/stat");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
        // The command name (field 2) is in parentheses and may hold spaces: the fields after the last ')' are fixed.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // After the name, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Bytes the process caused to be written to storage so far (write_bytes of /proc/PID/io); zero where unreadable.</summary>
    public long ReadDiskBytesWritten()
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{ProcessId}/io");
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
