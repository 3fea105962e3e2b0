namespace SyncHub.Bench.Restore;

/// <summary>The restore scenario: the seeded workspace and every attempt to restore it.</summary>
internal sealed record RestoreResult
{
    /// <summary>The requirement: a workspace of 10,000 entities restores in under this on this machine.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public required int Entities { get; init; }

    public required int Collections { get; init; }

    public required int RequestsPerCollection { get; init; }

    public required int PayloadBytes { get; init; }

    public required TimeSpan Seeding { get; init; }

    public required long HeadSeq { get; init; }

    public required IReadOnlyList<RestoreAttempt> Attempts { get; init; }

    public TimeSpan Median => Attempts.Select(a => a.SignInToInSync).Order().ElementAt(Attempts.Count / 2) is var upper && Attempts.Count % 2 == 0
        ? (upper + Attempts.Select(a => a.SignInToInSync).Order().ElementAt(Attempts.Count / 2 - 1)) / 2
        : upper;

    /// <summary>Every attempt ended in sync holding every seeded entity.</summary>
    public bool Complete => Attempts.Count > 0 && Attempts.All(a => a.LocalEntities == Entities);
}
