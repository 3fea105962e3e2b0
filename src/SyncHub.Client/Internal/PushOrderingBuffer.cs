using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// Holds pushed changes that arrived ahead of the cursor until the changes before them arrive (by another push, a page
/// or the device's own acknowledgement). A gap that stays open for the grace period means a push was lost: the engine
/// then pulls from the cursor. Owned by the engine loop; not thread-safe.
/// </summary>
internal sealed class PushOrderingBuffer
{
    private readonly SortedDictionary<long, Change> _held = [];
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _gracePeriod;
    private DateTimeOffset? _gapSince;
    private bool _ownAhead;

    public PushOrderingBuffer(TimeProvider timeProvider, TimeSpan gracePeriod)
    {
        _timeProvider = timeProvider;
        _gracePeriod = gracePeriod;
    }

    /// <summary>Changes held because the ones before them are missing.</summary>
    public int HeldCount => _held.Count;

    /// <summary>When the open gap must be filled by, or null without a gap.</summary>
    public DateTimeOffset? GapDeadline => _gapSince + _gracePeriod;

    /// <summary>Whether a gap has stayed open for the whole grace period.</summary>
    public bool IsGapExpired => GapDeadline is { } deadline && _timeProvider.GetUtcNow() >= deadline;

    /// <summary>Adds pushed changes; duplicates (seq at or below <paramref name="cursor"/>) are dropped.</summary>
    public void Add(IEnumerable<Change> changes, long cursor)
    {
        foreach (var change in changes)
        {
            if (change.Seq > cursor) _held.TryAdd(change.Seq, change);
        }
    }

    /// <summary>Takes the consecutive run that continues <paramref name="cursor"/>, drops what the cursor passed, and (re)starts the gap clock.</summary>
    public IReadOnlyList<Change> TakeReady(long cursor)
    {
        while (_held.Count > 0 && _held.Keys.First() <= cursor) _held.Remove(_held.Keys.First());

        var ready = new List<Change>();
        var next = cursor + 1;
        while (_held.Remove(next, out var change))
        {
            ready.Add(change);
            next++;
        }

        // The clock keeps running while any gap stays open, even if part of it was filled, so a lost push is pulled
        // one grace period after it was first missed.
        RestartClock();
        return ready;
    }

    /// <summary>
    /// Whether the device holds acknowledgements of its own changes ahead of the cursor. That is a gap too: the changes
    /// before them were made by others, and if their pushes were lost (a node or Redis failing between commit and
    /// push) nothing else would ever fetch them.
    /// </summary>
    public void SetOwnAhead(bool ownAhead)
    {
        _ownAhead = ownAhead;
        RestartClock();
    }

    /// <summary>A pull of the gap failed for a transient reason: the gap counts as new, so the pull is tried again one grace period later.</summary>
    public void PostponeGap()
    {
        if (_gapSince is not null) _gapSince = _timeProvider.GetUtcNow();
    }

    private void RestartClock()
    {
        if (_held.Count == 0 && !_ownAhead) _gapSince = null;
        else _gapSince ??= _timeProvider.GetUtcNow();
    }

    /// <summary>Forgets everything held (after a reconnect or a reload, catch-up covers it).</summary>
    public void Clear()
    {
        _held.Clear();
        _ownAhead = false;
        _gapSince = null;
    }
}
