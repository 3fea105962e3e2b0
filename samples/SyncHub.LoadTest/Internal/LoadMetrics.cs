using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace SyncHub.LoadTest.Internal;

/// <summary>The run's counters and latency histograms, shared by every device; read by the progress display and the report.</summary>
internal sealed class LoadMetrics
{
    /// <summary>Latencies up to 10 minutes, in microseconds, at 3 significant digits.</summary>
    private const long HighestMicros = 600_000_000;

    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _written;
    private long _writtenOffline;
    private long _delivered;
    private long _connected;

    public LongConcurrentHistogram FanOut { get; } = new(1, HighestMicros, 3);

    public LongConcurrentHistogram Connect { get; } = new(1, HighestMicros, 3);

    public long WrittenCount => Interlocked.Read(ref _written);

    public long WrittenOfflineCount => Interlocked.Read(ref _writtenOffline);

    public long DeliveredCount => Interlocked.Read(ref _delivered);

    public long ConnectedCount => Interlocked.Read(ref _connected);

    public IReadOnlyDictionary<string, long> Errors => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public void Written(bool offline)
    {
        Interlocked.Increment(ref _written);
        if (offline) Interlocked.Increment(ref _writtenOffline);
    }

    /// <summary>A change reached a device; <paramref name="latency"/> is null for changes that carry no send time (setup, offline edits).</summary>
    public void Delivered(TimeSpan? latency)
    {
        Interlocked.Increment(ref _delivered);
        if (latency is { } l) FanOut.RecordValue(Math.Clamp((long)l.TotalMicroseconds, 1, HighestMicros));
    }

    public void Connected(TimeSpan took)
    {
        Interlocked.Increment(ref _connected);
        Connect.RecordValue(Math.Clamp((long)took.TotalMicroseconds, 1, HighestMicros));
    }

    public void Disconnected() => Interlocked.Decrement(ref _connected);

    public void Error(string code) => _errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
