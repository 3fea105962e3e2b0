using CsCheck;
using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

public sealed class EntityRankTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "V")]
    [InlineData("V", null)]
    [InlineData("a", "b")]
    [InlineData("a", "a1")]
    [InlineData("a1", "a2")]
    [InlineData("az", "b")]
    [InlineData("z", null)]
    [InlineData("zzzz", null)]
    [InlineData(null, "1")]
    [InlineData(null, "01")]
    [InlineData(null, "0001")]
    [InlineData("0001", "0002")]
    [InlineData("y", "z")]
    [InlineData("yzzzz", "z")]
    public void Between_is_strictly_between_and_a_valid_rank(string? before, string? after)
    {
        var rank = EntityRank.Between(before, after);

        EntityRank.IsValid(rank).Should().BeTrue(rank);
        if (before is not null) string.CompareOrdinal(before, rank).Should().BeNegative($"{before} < {rank}");
        if (after is not null) string.CompareOrdinal(rank, after).Should().BeNegative($"{rank} < {after}");
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    [InlineData("a0", null)]
    [InlineData(null, "")]
    [InlineData("a-b", null)]
    [InlineData(null, "ü")]
    public void Between_refuses_neighbours_that_leave_no_room(string? before, string? after) =>
        FluentActions.Invoking(() => EntityRank.Between(before, after)).Should().Throw<ArgumentException>();

    [Fact]
    public void Appending_or_prepending_thousands_of_times_never_runs_out()
    {
        string? last = null;
        string? first = null;
        for (var i = 0; i < 5000; i++)
        {
            var next = EntityRank.After(last);
            if (last is not null) string.CompareOrdinal(last, next).Should().BeNegative();
            last = next;

            var previous = EntityRank.Before(first);
            if (first is not null) string.CompareOrdinal(previous, first).Should().BeNegative();
            first = previous;
        }
        last!.Length.Should().BeLessThan(1000, "a rank grows by about one character per six insertions at one end");
    }

    [Fact]
    public void Inserting_again_and_again_at_the_same_gap_keeps_finding_room()
    {
        var low = "a";
        var high = "b";
        for (var i = 0; i < 2000; i++)
        {
            var mid = EntityRank.Between(low, high);
            string.CompareOrdinal(low, mid).Should().BeNegative();
            string.CompareOrdinal(mid, high).Should().BeNegative();
            if (i % 2 == 0) low = mid; else high = mid;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(5000)]
    public void A_sequence_is_ascending_valid_and_short(int count)
    {
        var ranks = EntityRank.Sequence(count);

        ranks.Should().HaveCount(count);
        ranks.Where(r => !EntityRank.IsValid(r)).Should().BeEmpty();
        ranks.Should().BeInAscendingOrder(StringComparer.Ordinal);
        ranks.Should().OnlyHaveUniqueItems();
        if (count > 0) ranks.Max(r => r.Length).Should().BeLessThanOrEqualTo(count < 62 ? 1 : 3);
    }

    [Fact]
    public void Unranked_entities_sort_last()
    {
        new[] { null, "b", "a", null, "V" }.Order(EntityRank.Comparer).Should().Equal("V", "a", "b", null, null);
    }

    [Fact]
    public void Random_insertions_keep_the_order_they_were_made_in()
    {
        // Each step inserts at a random position of the list: the ranks must sort into exactly the list's order.
        var steps = Gen.Int[0, 1_000_000].Array[1, 300];
        steps.Sample(positions =>
        {
            var list = new List<string>();
            foreach (var p in positions)
            {
                var at = p % (list.Count + 1);
                var rank = EntityRank.Between(at == 0 ? null : list[at - 1], at == list.Count ? null : list[at]);
                if (!EntityRank.IsValid(rank)) return false;
                list.Insert(at, rank);
            }
            return list.SequenceEqual(list.Order(StringComparer.Ordinal)) && list.Distinct().Count() == list.Count;
        }, iter: 300);
    }

    [Fact]
    public void Between_any_two_valid_ranks_there_is_another()
    {
        var rank = Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"].Array[1, 12]
            .Select(chars => new string(chars).TrimEnd('0'))
            .Where(s => s.Length > 0);
        Gen.Select(rank, rank).Where(t => t.Item1 != t.Item2).Sample((x, y) =>
        {
            var (low, high) = string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);
            var mid = EntityRank.Between(low, high);
            return EntityRank.IsValid(mid) && string.CompareOrdinal(low, mid) < 0 && string.CompareOrdinal(mid, high) < 0;
        }, iter: 5000);
    }
}
