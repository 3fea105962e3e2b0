using Microsoft.Extensions.Time.Testing;
using SyncHub.Client.Internal;
using SyncHub.Protocol;

namespace SyncHub.Client.Tests;

public sealed class PushOrderingBufferTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PushOrderingBuffer _buffer;

    public PushOrderingBufferTests()
    {
        _buffer = new PushOrderingBuffer(_time, TimeSpan.FromMilliseconds(250));
    }

    private static Change C(long seq) => new() { Seq = seq, Op = "create", Kind = "collection", EntityId = $"e{seq}" };

    [Fact]
    public void The_next_seq_is_ready_at_once_and_duplicates_are_dropped()
    {
        _buffer.Add([C(3), C(4), C(2)], cursor: 2);
        _buffer.TakeReady(2).Select(c => c.Seq).Should().Equal(3, 4);
        _buffer.HeldCount.Should().Be(0);
        _buffer.GapDeadline.Should().BeNull();
    }

    [Fact]
    public void A_gap_is_held_and_filled_by_a_later_push_before_the_grace_period()
    {
        _buffer.Add([C(5)], cursor: 3);
        _buffer.TakeReady(3).Should().BeEmpty();
        _buffer.HeldCount.Should().Be(1);
        _buffer.GapDeadline.Should().Be(_time.GetUtcNow() + TimeSpan.FromMilliseconds(250));

        _time.Advance(TimeSpan.FromMilliseconds(200));
        _buffer.IsGapExpired.Should().BeFalse();

        _buffer.Add([C(4)], cursor: 3);
        _buffer.TakeReady(3).Select(c => c.Seq).Should().Equal(4, 5);
        _buffer.GapDeadline.Should().BeNull();
    }

    [Fact]
    public void A_gap_filled_by_our_own_ack_releases_what_was_held()
    {
        _buffer.Add([C(6), C(7)], cursor: 4);
        _buffer.TakeReady(4).Should().BeEmpty();
        // Seq 5 was this device's own mutation: its ack moved the cursor.
        _buffer.TakeReady(5).Select(c => c.Seq).Should().Equal(6, 7);
        _buffer.IsGapExpired.Should().BeFalse();
    }

    [Fact]
    public void A_gap_not_filled_within_the_grace_period_expires()
    {
        _buffer.Add([C(10)], cursor: 8);
        _buffer.TakeReady(8);
        _time.Advance(TimeSpan.FromMilliseconds(249));
        _buffer.IsGapExpired.Should().BeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _buffer.IsGapExpired.Should().BeTrue();

        // The pull moved the cursor past the held change: it is dropped and the gap closes.
        _buffer.TakeReady(12).Should().BeEmpty();
        _buffer.HeldCount.Should().Be(0);
        _buffer.IsGapExpired.Should().BeFalse();
    }

    [Fact]
    public void The_gap_clock_keeps_running_while_part_of_the_gap_is_filled()
    {
        _buffer.Add([C(4)], cursor: 1);
        _buffer.TakeReady(1);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        _buffer.Add([C(3)], cursor: 1);
        _buffer.TakeReady(1).Should().BeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        _buffer.IsGapExpired.Should().BeTrue("seq 2 was missed 250 ms ago");
    }
}
