using System.Diagnostics;
using SyncHub.Bench.Reporting;

namespace SyncHub.Bench.Driver;

/// <summary>
/// Phase 2, open loop: a pacer sends Mutate calls at a fixed total rate, round-robin over the
/// writers, whether or not earlier calls were answered, so a slow hub shows as latency rather
/// than as a lower send rate.
/// </summary>
internal static class LatencyPhase
{
    /// <summary>Seconds of offered load left unanswered at which the phase stops and calls the hub saturated.</summary>
    public const double SaturationSeconds = 3;

    public static async Task<PhaseResult> RunAsync(LoadDriver driver, BenchOptions options, double changesPerSecond, string tag, CancellationToken cancellationToken)
    {
        var tracker = driver.NewTracker(tag);
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + ThroughputPhase.Ticks(options.LatencyWarmup);
        var windowEnd = windowStart + ThroughputPhase.Ticks(options.LatencyDuration);
        tracker.SetWindow(windowStart, windowEnd);

        using var probe = WindowProbe.Start(tracker, driver.ReadCommitCounters, driver.Helper, windowStart, windowEnd, cancellationToken);
        var callsPerSecond = changesPerSecond / options.BatchSize;
        var calls = new List<Task>((int)Math.Min(int.MaxValue, callsPerSecond * (options.LatencyWarmup + options.LatencyDuration).TotalSeconds * 1.1));
        var writers = driver.Writers;
        long sent = 0, maxBehind = 0;
        var next = 0;
        // A hub slower than the offered rate would build an ever longer queue; past a few seconds of it
        // the latency says all there is to say, and the run would only grow longer.
        var saturationLimit = Math.Max(1000, (long)(changesPerSecond * SaturationSeconds));
        TimeSpan? saturatedAfter = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= windowEnd) break;
            if (tracker.Sent - tracker.AppliedCount - tracker.RejectedCount - tracker.FailedCount > saturationLimit)
            {
                saturatedAfter = Stopwatch.GetElapsedTime(start, now);
                break;
            }
            var due = (long)((now - start) * callsPerSecond / Stopwatch.Frequency);
            maxBehind = Math.Max(maxBehind, due - sent);
            while (sent < due)
            {
                calls.Add(writers[next].SendAsync(tracker, options.BatchSize));
                next = (next + 1) % writers.Count;
                sent++;
            }
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
        var window = saturatedAfter is null ? await probe.Completion.ConfigureAwait(false) : probe.StopNow();
        await Task.WhenAll(calls).ConfigureAwait(false);
        var drain = await LoadDriver.DrainAsync(tracker, options.DrainTimeout, cancellationToken).ConfigureAwait(false);
        return PhaseResult.Create("latency", tracker, window, drain, changesPerSecond, TimeSpan.FromSeconds(maxBehind / callsPerSecond)) with { SaturatedAfter = saturatedAfter };
    }
}
