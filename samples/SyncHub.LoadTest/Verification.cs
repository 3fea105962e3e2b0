namespace SyncHub.LoadTest;

/// <summary>
/// The verdict on a run: every device received every change of its workspace exactly once and in order, and holds what
/// the hub holds. <see cref="Problems"/> names the first few problems found, for a person to start from.
/// </summary>
public sealed record Verification
{
    /// <summary>Whether the verification ran (it is skipped with <c>--no-verify</c>).</summary>
    public bool Ran { get; init; }

    /// <summary>Devices checked.</summary>
    public int Devices { get; init; }

    /// <summary>Deliveries expected: for each device, every change the other devices of its account made that the hub accepted.</summary>
    public long Expected { get; init; }

    /// <summary>Expected changes a device never received.</summary>
    public long Missing { get; init; }

    /// <summary>Changes a device received more than once.</summary>
    public long Duplicates { get; init; }

    /// <summary>Changes a device received that it should not have (its own, or another workspace's).</summary>
    public long Unexpected { get; init; }

    /// <summary>Deliveries whose sequence number was not above the one before on that device.</summary>
    public long OutOfOrder { get; init; }

    /// <summary>Writes the library took locally that the hub neither holds nor refused: lost.</summary>
    public long Lost { get; init; }

    /// <summary>Writes the hub refused for good (counted, not a verification failure: the device shows them).</summary>
    public long Refused { get; init; }

    /// <summary>Devices whose final state differs from the hub's.</summary>
    public long StateMismatches { get; init; }

    /// <summary>Whether the drain finished before its timeout (every outbox empty, every device caught up).</summary>
    public bool Drained { get; init; }

    /// <summary>The first problems, each a sentence.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when the verification ran, drained, and found nothing missing, doubled, out of order, lost or different.</summary>
    public bool Passed => Ran && Drained && Missing == 0 && Duplicates == 0 && Unexpected == 0 && OutOfOrder == 0 && Lost == 0 && StateMismatches == 0;
}
