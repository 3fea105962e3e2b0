namespace SyncHub.Bench.Driver;

/// <summary>Counters at one instant, or (after subtraction) over a window.</summary>
internal sealed record WindowSample(TimeSpan Elapsed, long Applied, long Deliveries, TimeSpan Cpu, TimeSpan MachineCpu, int Gen0Collections, int Gen2Collections, TimeSpan GcPause, long Commits, long CommittedMutations, long DiskBytesWritten, TimeSpan HelperCpu = default, long HelperDiskBytesWritten = 0)
{
    public static WindowSample operator -(WindowSample end, WindowSample start)
    {
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(start);
        return new(end.Elapsed - start.Elapsed, end.Applied - start.Applied, end.Deliveries - start.Deliveries, end.Cpu - start.Cpu, end.MachineCpu - start.MachineCpu,
            end.Gen0Collections - start.Gen0Collections, end.Gen2Collections - start.Gen2Collections, end.GcPause - start.GcPause,
            end.Commits - start.Commits, end.CommittedMutations - start.CommittedMutations, end.DiskBytesWritten - start.DiskBytesWritten,
            end.HelperCpu - start.HelperCpu, end.HelperDiskBytesWritten - start.HelperDiskBytesWritten);
    }

    public WindowSample Subtract(WindowSample start) => this - start;

    public double Seconds => Elapsed.TotalSeconds;

    public double AppliedPerSecond => Applied / Seconds;

    public double DeliveriesPerSecond => Deliveries / Seconds;

    /// <summary>Hub write transactions (flushes) per second; zero for a hub without a store.</summary>
    public double CommitsPerSecond => Commits / Seconds;

    /// <summary>Mutations per hub transaction on average; NaN for a hub without a store.</summary>
    public double MutationsPerCommit => Commits == 0 ? double.NaN : (double)CommittedMutations / Commits;

    /// <summary>Process CPU time per accepted change, microseconds (clients and hub together).</summary>
    public double CpuMicrosPerChange => Applied == 0 ? double.NaN : Cpu.TotalMicroseconds / Applied;

    /// <summary>Share of all cores this process used over the window.</summary>
    public double CpuShare => Cpu.TotalSeconds / (Seconds * Environment.ProcessorCount);

    /// <summary>Share of all cores the target's other process (redis-server) used over the window.</summary>
    public double HelperCpuShare => HelperCpu.TotalSeconds / (Seconds * Environment.ProcessorCount);

    /// <summary>CPU time of the target's other process (redis-server) per accepted change, microseconds.</summary>
    public double HelperCpuMicrosPerChange => Applied == 0 ? double.NaN : HelperCpu.TotalMicroseconds / Applied;

    /// <summary>
    /// Share of all cores that processes other than this one and the target's redis-server used over the window: anything
    /// well above zero skews the figures.
    /// </summary>
    public double OtherCpuShare => Math.Max(0, (MachineCpu - Cpu - HelperCpu).TotalSeconds / (Seconds * Environment.ProcessorCount));

    /// <summary>Bytes this process and the target's redis-server sent towards storage per accepted change (0 for a hub without a store).</summary>
    public double DiskBytesPerChange => Applied == 0 ? double.NaN : (double)(DiskBytesWritten + HelperDiskBytesWritten) / Applied;

    /// <summary>Bytes this process has caused to be written to storage, from /proc/self/io (zero where there is none).</summary>
    public static long ReadDiskBytesWritten()
    {
        if (!File.Exists("/proc/self/io")) return 0;
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan("write_bytes:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    /// <summary>Busy time of all cores since boot, from /proc/stat (zero where there is none).</summary>
    public static TimeSpan ReadMachineCpu()
    {
        if (!File.Exists("/proc/stat")) return TimeSpan.Zero;
        using var reader = new StreamReader("/proc/stat");
        var fields = (reader.ReadLine() ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 8 || fields[0] != "cpu") return TimeSpan.Zero;
        long busy = 0;
        // user nice system idle iowait irq softirq steal: everything but idle and iowait is work.
        for (var i = 1; i <= 8 && i < fields.Length; i++)
        {
            if (i is 4 or 5) continue;
            busy += long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(busy / 100.0);
    }
}
