using SyncHub.LoadTest.Internal;

namespace SyncHub.LoadTest.Tests;

public sealed class VerifierTests
{
    private static readonly Dictionary<string, EntityState> Hub = new(StringComparer.Ordinal)
    {
        ["a1"] = new(null, 1, "{}"),
        ["b1"] = new(null, 1, "{}"),
        ["b2"] = new(null, 1, "{}"),
    };

    private static DeviceRecord Device(string name, string[] written, Delivery[] deliveries,
        IReadOnlyDictionary<string, EntityState>? final = null, string[]? refused = null) =>
        new(name, written, deliveries, final ?? Hub, new HashSet<string>(refused ?? [], StringComparer.Ordinal));

    private static Verification Check(params DeviceRecord[] devices)
    {
        var verifier = new Verifier();
        verifier.CheckAccount("account 0", devices, Hub);
        return verifier.Result(drained: true);
    }

    private static Delivery D(long seq, string entityId) => new(seq, entityId, "create");

    private static DeviceRecord A(params Delivery[] deliveries) => Device("a", ["a1"], deliveries);

    private static DeviceRecord B(params Delivery[] deliveries) => Device("b", ["b1", "b2"], deliveries);

    [Fact]
    public void Every_change_received_once_in_order_with_the_hubs_state_passes()
    {
        var result = Check(A(D(2, "b1"), D(3, "b2")), B(D(1, "a1")));

        result.Passed.Should().BeTrue();
        result.Expected.Should().Be(3);
        result.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_change_a_device_never_received_is_missing()
    {
        var result = Check(A(D(2, "b1")), B(D(1, "a1")));

        result.Passed.Should().BeFalse();
        result.Missing.Should().Be(1);
        result.Problems.Should().ContainSingle().Which.Should().Contain("never received").And.Contain("b2");
    }

    [Fact]
    public void A_change_received_twice_is_a_duplicate()
    {
        var result = Check(A(D(2, "b1"), D(3, "b2"), D(4, "b2")), B(D(1, "a1")));

        result.Passed.Should().BeFalse();
        result.Duplicates.Should().Be(1);
    }

    [Fact]
    public void A_change_received_after_a_later_one_is_out_of_order()
    {
        var result = Check(A(D(3, "b2"), D(2, "b1")), B(D(1, "a1")));

        result.Passed.Should().BeFalse();
        result.OutOfOrder.Should().Be(1);
    }

    [Fact]
    public void A_device_receiving_its_own_change_back_is_unexpected()
    {
        var result = Check(A(D(1, "a1"), D(2, "b1"), D(3, "b2")), B(D(1, "a1")));

        result.Passed.Should().BeFalse();
        result.Unexpected.Should().Be(1);
        result.Problems.Should().ContainSingle().Which.Should().Contain("its own change");
    }

    [Fact]
    public void A_write_the_hub_neither_holds_nor_refused_is_lost_and_a_refused_one_is_not()
    {
        var lost = Check(A(D(2, "b1"), D(3, "b2")), Device("b", ["b1", "b2", "b3"], [D(1, "a1")]));
        lost.Passed.Should().BeFalse();
        lost.Lost.Should().Be(1);

        var refused = Check(A(D(2, "b1"), D(3, "b2")),
            Device("b", ["b1", "b2", "b3"], [D(1, "a1")], refused: ["b3"]));
        refused.Passed.Should().BeTrue();
        refused.Refused.Should().Be(1);
    }

    [Fact]
    public void A_device_whose_final_state_differs_from_the_hubs_fails()
    {
        var stale = new Dictionary<string, EntityState>(Hub, StringComparer.Ordinal) { ["b2"] = new(null, 0, "{}") };
        var result = Check(A(D(2, "b1"), D(3, "b2")), Device("b", ["b1", "b2"], [D(1, "a1")], stale));

        result.Passed.Should().BeFalse();
        result.StateMismatches.Should().Be(1);
        result.Problems.Should().ContainSingle().Which.Should().Contain("b2 differs");
    }

    [Fact]
    public void A_restore_from_a_snapshot_delivers_what_the_device_had_not_received_and_repeats_the_rest_harmlessly()
    {
        var restored = Check(A(D(2, "b1"), D(0, "a1"), D(0, "b1"), D(0, "b2")), B(D(1, "a1")));
        restored.Passed.Should().BeTrue();

        var stillMissing = Check(A(D(0, "b1")), B(D(1, "a1")));
        stillMissing.Missing.Should().Be(1, "b2 was neither pushed nor restored");

        var stranger = Check(A(D(2, "b1"), D(3, "b2"), D(0, "x9")), B(D(1, "a1")));
        stranger.Unexpected.Should().Be(1);
    }

    [Fact]
    public void A_run_whose_drain_timed_out_fails_even_when_the_records_agree()
    {
        var verifier = new Verifier();
        verifier.CheckAccount("account 0", [A(D(2, "b1"), D(3, "b2")), B(D(1, "a1"))], Hub);

        var result = verifier.Result(drained: false);

        result.Passed.Should().BeFalse();
        result.Problems[0].Should().Contain("drain timed out");
    }
}
