using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SyncHub.Client.Internal;

namespace SyncHub.Client.Tests;

public sealed class SyncStatusHolderTests
{
    private readonly FakeTimeProvider _time = new();
    private LocalCounts _counts;

    private SyncStatusHolder Create()
    {
        var holder = new SyncStatusHolder(_time, NullLogger.Instance, () => _counts);
        return holder;
    }

    [Fact]
    public void Every_visible_transition_raises_one_event_in_order()
    {
        var holder = Create();
        var seen = new List<SyncStatus>();
        holder.Changed += (_, current) => seen.Add(current);

        holder.Transition(new StatusChange(SyncState.Connecting));
        holder.Transition(new StatusChange(SyncState.Online, CaughtUp: false));
        holder.Transition(new StatusChange(CaughtUp: true));
        _counts = new LocalCounts(2, 0, 0, _time.GetUtcNow());
        holder.Refresh();
        _counts = new LocalCounts(1, 0, 0, _time.GetUtcNow());
        holder.Refresh();
        holder.Refresh(); // nothing changed: no event
        holder.Transition(new StatusChange(SyncState.Error, ErrorCode: "outbox_stalled", ErrorMessage: "stuck"));
        _counts = default;
        holder.Transition(new StatusChange(SyncState.Online));

        seen.Select(s => (s.State, s.Activity, s.PendingChanges)).Should().Equal(
            (SyncState.Connecting, SyncActivity.None, 0),
            (SyncState.Online, SyncActivity.Syncing, 0),
            (SyncState.Online, SyncActivity.InSync, 0),
            (SyncState.Online, SyncActivity.Syncing, 2),
            (SyncState.Online, SyncActivity.Syncing, 1),
            (SyncState.Error, SyncActivity.None, 1),
            (SyncState.Online, SyncActivity.InSync, 0));
        seen[5].ErrorCode.Should().Be("outbox_stalled");
        seen[6].ErrorCode.Should().BeNull();
    }

    [Fact]
    public void The_age_of_the_oldest_pending_change_is_fresh_on_every_read()
    {
        _counts = new LocalCounts(1, 0, 0, _time.GetUtcNow());
        var holder = Create();
        _time.Advance(TimeSpan.FromSeconds(42));
        holder.Current.OldestPendingAge.Should().Be(TimeSpan.FromSeconds(42));
    }
}
