using SyncHub.Bench.Driver;

namespace SyncHub.Bench.Reporting;

/// <summary>The figures of one phase against one target.</summary>
internal sealed record PhaseResult
{
    public required string Phase { get; init; }

    /// <summary>Changes per second the phase offered (latency phase only).</summary>
    public double? OfferedRate { get; init; }

    /// <summary>Counters over the measured window.</summary>
    public required WindowSample Window { get; init; }

    public required LatencySummary FanOut { get; init; }

    public required LatencySummary Ack { get; init; }

    public required long Sent { get; init; }

    public required long Applied { get; init; }

    public required long Rejected { get; init; }

    public required long Failed { get; init; }

    public required string Errors { get; init; }

    public required DeliveryAudit Audit { get; init; }

    public required long Duplicates { get; init; }

    public required long Echoes { get; init; }

    /// <summary>From the end of sending to the last owed push (or the drain timeout).</summary>
    public required TimeSpan Drain { get; init; }

    /// <summary>Latency phase: most the pacer fell behind its schedule (about one timer tick when the client keeps up).</summary>
    public TimeSpan MaxPacerLag { get; init; }

    /// <summary>Latency phase: when the pacer stopped because the hub fell seconds behind the offered rate; null when it kept up.</summary>
    public TimeSpan? SaturatedAfter { get; init; }

    /// <summary>Latency phase: whether the hub accepted (nearly) the offered rate over the whole window.</summary>
    public bool KeptUp => SaturatedAfter is null && (OfferedRate is not { } offered || Window.AppliedPerSecond >= 0.95 * offered);

    public static PhaseResult Create(string phase, ChangeTracker tracker, WindowSample window, TimeSpan drain, double? offeredRate = null, TimeSpan maxPacerLag = default)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        return new PhaseResult
        {
            Phase = phase,
            OfferedRate = offeredRate,
            Window = window,
            FanOut = LatencySummary.From(tracker.FanOut),
            Ack = LatencySummary.From(tracker.Ack),
            Sent = tracker.Sent,
            Applied = tracker.AppliedCount,
            Rejected = tracker.RejectedCount,
            Failed = tracker.FailedCount,
            Errors = string.Join(", ", tracker.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value}")),
            Audit = tracker.Audit(),
            Duplicates = tracker.Duplicates,
            Echoes = tracker.Echoes,
            Drain = drain,
            MaxPacerLag = maxPacerLag,
        };
    }
}
