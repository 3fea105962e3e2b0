using System.Diagnostics;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench.Driver;

/// <summary>Reads the counters at the start and the end of the measured window, so rates cover exactly that window.</summary>
internal sealed class WindowProbe : IDisposable
{
    private readonly ChangeTracker _tracker;
    private readonly Func<CommitCounters?> _commits;
    private readonly ProcessUsage? _helper;
    private readonly CancellationTokenSource _stop;
    private readonly WindowSample _phaseStart;
    private WindowSample? _windowStart;

    private WindowProbe(ChangeTracker tracker, Func<CommitCounters?> commits, ProcessUsage? helper, CancellationToken cancellationToken)
    {
        _tracker = tracker;
        _commits = commits;
        _helper = helper;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _phaseStart = Sample();
    }

    /// <summary>Completes at the window's end with the counters over the window.</summary>
    public Task<WindowSample> Completion { get; private set; } = null!;

    public static WindowProbe Start(ChangeTracker tracker, Func<CommitCounters?> commits, ProcessUsage? helper, long windowStart, long windowEnd, CancellationToken cancellationToken)
    {
        var probe = new WindowProbe(tracker, commits, helper, cancellationToken);
        probe.Completion = probe.RunAsync(windowStart, windowEnd);
        return probe;
    }

    /// <summary>Ends the window now (the phase stopped early): counters from the window's start, or the phase's if it had not begun.</summary>
    public WindowSample StopNow()
    {
        _stop.Cancel();
        return Sample() - (Volatile.Read(ref _windowStart) ?? _phaseStart);
    }

    private async Task<WindowSample> RunAsync(long windowStart, long windowEnd)
    {
        await DelayUntilAsync(windowStart, _stop.Token).ConfigureAwait(false);
        var start = Sample();
        Volatile.Write(ref _windowStart, start);
        await DelayUntilAsync(windowEnd, _stop.Token).ConfigureAwait(false);
        return Sample() - start;
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
    }

    private WindowSample Sample()
    {
        var c = _commits();
        return new(
            Stopwatch.GetElapsedTime(0),
            _tracker.AppliedCount,
            _tracker.Deliveries,
            Environment.CpuUsage.TotalTime,
            WindowSample.ReadMachineCpu(),
            GC.CollectionCount(0),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            c?.Commits ?? 0,
            c?.CommittedMutations ?? 0,
            WindowSample.ReadDiskBytesWritten(),
            _helper?.ReadCpu() ?? TimeSpan.Zero,
            _helper?.ReadDiskBytesWritten() ?? 0);
    }

    public void Dispose() => _stop.Dispose();
}
