using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using SyncHub.Protocol;

namespace SyncHub.Bench.Driver;

/// <summary>
/// Follows every change of one phase from send to acknowledgement to each push, so that a phase
/// reports rates, latencies, and the deliveries that never came. Changes are numbered by the
/// driver and carry the number in their entity id (tag + number), which lets a receiving device
/// find the change's send time without parsing the body.
/// </summary>
internal sealed class ChangeTracker
{
    private const int SegmentBits = 16;
    private const int SegmentSize = 1 << SegmentBits;
    private const int MaxSegments = 1 << 12;
    private const long HighestMicros = 120_000_000;

    private const byte Applied = 1;
    private const byte Rejected = 2;
    private const byte Failed = 3;

    private readonly Segment?[] _segments = new Segment?[MaxSegments];
    private readonly long[] _appliedPerAccount;
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private long _next = -1;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _applied;
    private long _rejected;
    private long _failed;
    private long _deliveries;
    private long _duplicates;
    private long _echoes;
    private long _strays;
    private long _lastDelivery;

    public ChangeTracker(string tag, int accounts, int expectedDeliveries)
    {
        Tag = tag;
        ExpectedDeliveries = expectedDeliveries;
        _appliedPerAccount = new long[accounts];
    }

    /// <summary>Prefix of every entity id this phase creates (unique per phase, since ids are unique per workspace).</summary>
    public string Tag { get; }

    /// <summary>Pushes each change must reach: the account's devices other than the writer.</summary>
    public int ExpectedDeliveries { get; }

    /// <summary>Fan-out latency in microseconds: Mutate sent on the writer to push received on another device.</summary>
    public LongConcurrentHistogram FanOut { get; } = new(1, HighestMicros, 3);

    /// <summary>Mutate round trip in microseconds.</summary>
    public LongConcurrentHistogram Ack { get; } = new(1, HighestMicros, 3);

    public long Sent => Volatile.Read(ref _next) + 1;

    public long AppliedCount => Volatile.Read(ref _applied);

    public long RejectedCount => Volatile.Read(ref _rejected);

    public long FailedCount => Volatile.Read(ref _failed);

    /// <summary>Pushes received by the devices that should get them (duplicates not counted).</summary>
    public long Deliveries => Volatile.Read(ref _deliveries);

    public long Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Pushes of its own change received by the writer, which the protocol says never happens.</summary>
    public long Echoes => Volatile.Read(ref _echoes);

    /// <summary>Pushes of changes this tracker never sent.</summary>
    public long Strays => Volatile.Read(ref _strays);

    public long LastDeliveryTimestamp => Volatile.Read(ref _lastDelivery);

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public long AppliedFor(int account) => Volatile.Read(ref _appliedPerAccount[account]);

    /// <summary>Only changes sent in [start, end) go into the histograms, so warmup and the tail do not.</summary>
    public void SetWindow(long start, long end)
    {
        _windowStart = start;
        _windowEnd = end;
    }

    public long Allocate()
    {
        var index = Interlocked.Increment(ref _next);
        var s = index >> SegmentBits;
        if (s >= MaxSegments) throw new InvalidOperationException("Too many changes in one phase for the tracker.");
        if (Volatile.Read(ref _segments[s]) is null) Interlocked.CompareExchange(ref _segments[s], new Segment(), null);
        return index;
    }

    public string EntityId(long index) => Tag + index.ToString(CultureInfo.InvariantCulture);

    public void MarkSent(long index, long timestamp) => Volatile.Write(ref Slot(index).Sent[index & (SegmentSize - 1)], timestamp);

    public void MarkApplied(long index, int account, long timestamp)
    {
        var segment = Slot(index);
        var i = index & (SegmentSize - 1);
        segment.State[i] = Applied;
        Interlocked.Increment(ref _appliedPerAccount[account]);
        Interlocked.Increment(ref _applied);
        var sent = Volatile.Read(ref segment.Sent[i]);
        if (InWindow(sent)) Ack.RecordValue(Micros(timestamp - sent));
    }

    public void MarkRejected(long index, string? code)
    {
        Slot(index).State[index & (SegmentSize - 1)] = Rejected;
        Interlocked.Increment(ref _rejected);
        _errors.AddOrUpdate(code ?? "(no code)", 1, static (_, n) => n + 1);
    }

    public void MarkFailed(long index, Exception error)
    {
        Slot(index).State[index & (SegmentSize - 1)] = Failed;
        Interlocked.Increment(ref _failed);
        _errors.AddOrUpdate(error.GetType().Name, 1, static (_, n) => n + 1);
    }

    /// <summary>Called by a device for every change pushed to it.</summary>
    public void OnDelivered(Change change, long timestamp, bool toWriter)
    {
        var id = change.EntityId;
        if (id.Length <= Tag.Length || !id.StartsWith(Tag, StringComparison.Ordinal) || !long.TryParse(id.AsSpan(Tag.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > Volatile.Read(ref _next))
        {
            Interlocked.Increment(ref _strays);
            return;
        }
        if (toWriter)
        {
            Interlocked.Increment(ref _echoes);
            return;
        }
        var segment = Slot(index);
        var i = index & (SegmentSize - 1);
        if (Interlocked.Increment(ref segment.Deliveries[i]) > ExpectedDeliveries)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        Interlocked.Increment(ref _deliveries);
        Volatile.Write(ref _lastDelivery, timestamp);
        var sent = Volatile.Read(ref segment.Sent[i]);
        if (sent != 0 && InWindow(sent)) FanOut.RecordValue(Micros(timestamp - sent));
    }

    /// <summary>Whether every applied change has reached every other device (cheap; the audit is exact).</summary>
    public bool LooksFullyDelivered() => Deliveries >= AppliedCount * ExpectedDeliveries;

    /// <summary>Walks every change: applied ones short of their pushes are the missing deliveries.</summary>
    public DeliveryAudit Audit()
    {
        long missingDeliveries = 0, changesShort = 0, deliveredUnacknowledged = 0;
        var count = Sent;
        for (long index = 0; index < count; index++)
        {
            var segment = Slot(index);
            var i = index & (SegmentSize - 1);
            var delivered = Math.Min(Volatile.Read(ref segment.Deliveries[i]), ExpectedDeliveries);
            if (segment.State[i] == Applied)
            {
                if (delivered < ExpectedDeliveries)
                {
                    missingDeliveries += ExpectedDeliveries - delivered;
                    changesShort++;
                }
            }
            else if (delivered > 0)
            {
                deliveredUnacknowledged++;
            }
        }
        return new DeliveryAudit(missingDeliveries, changesShort, deliveredUnacknowledged);
    }

    private bool InWindow(long sent) => sent >= _windowStart && sent < _windowEnd;

    private Segment Slot(long index) => _segments[index >> SegmentBits]!;

    private static long Micros(long ticks) => Math.Clamp(ticks * 1_000_000 / Stopwatch.Frequency, 1, HighestMicros);

    private sealed class Segment
    {
        public readonly long[] Sent = new long[SegmentSize];
        public readonly int[] Deliveries = new int[SegmentSize];
        public readonly byte[] State = new byte[SegmentSize];
    }
}
