using HdrHistogram;

namespace SyncHub.LoadTest;

/// <summary>Percentiles of a latency histogram, in milliseconds.</summary>
public sealed record LatencyFigures
{
    public long Count { get; init; }

    public double P50 { get; init; }

    public double P90 { get; init; }

    public double P99 { get; init; }

    public double P999 { get; init; }

    public double Max { get; init; }

    internal static LatencyFigures From(HistogramBase micros)
    {
        if (micros.TotalCount == 0) return new LatencyFigures();
        static double Ms(long us) => Math.Round(us / 1000.0, 2);
        return new LatencyFigures
        {
            Count = micros.TotalCount,
            P50 = Ms(micros.GetValueAtPercentile(50)),
            P90 = Ms(micros.GetValueAtPercentile(90)),
            P99 = Ms(micros.GetValueAtPercentile(99)),
            P999 = Ms(micros.GetValueAtPercentile(99.9)),
            Max = Ms(micros.GetMaxValue()),
        };
    }
}
