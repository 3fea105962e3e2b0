using System.Diagnostics;
using SyncHub.Bench.Reporting;

namespace SyncHub.Bench.Driver;

/// <summary>
/// Phase 1, closed loop: every writer keeps a fixed number of Mutate calls in flight, sending the
/// next as soon as one is answered, for the warmup and then the measured window.
/// </summary>
internal static class ThroughputPhase
{
    public static async Task<PhaseResult> RunAsync(LoadDriver driver, BenchOptions options, TimeSpan warmup, TimeSpan duration, string tag, CancellationToken cancellationToken)
    {
        var tracker = driver.NewTracker(tag);
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + Ticks(warmup);
        var windowEnd = windowStart + Ticks(duration);
        tracker.SetWindow(windowStart, windowEnd);

        using var probe = WindowProbe.Start(tracker, driver.ReadCommitCounters, driver.Helper, windowStart, windowEnd, cancellationToken);
        var loops = new List<Task>(driver.Writers.Count * options.InFlight);
        foreach (var writer in driver.Writers)
        {
            for (var k = 0; k < options.InFlight; k++) loops.Add(LoopAsync(writer));
        }
        await Task.WhenAll(loops).ConfigureAwait(false);
        var window = await probe.Completion.ConfigureAwait(false);
        var drain = await LoadDriver.DrainAsync(tracker, options.DrainTimeout, cancellationToken).ConfigureAwait(false);
        return PhaseResult.Create("throughput", tracker, window, drain);

        async Task LoopAsync(BenchDevice writer)
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < windowEnd && !cancellationToken.IsCancellationRequested)
            {
                await writer.SendAsync(tracker, options.BatchSize).ConfigureAwait(false);
            }
        }
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
