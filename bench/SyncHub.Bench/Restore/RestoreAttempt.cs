namespace SyncHub.Bench.Restore;

/// <summary>One fresh profile restoring the workspace: how long each step took and what it ended with.</summary>
internal sealed record RestoreAttempt(
    int Number,
    TimeSpan Open,
    TimeSpan SignIn,
    TimeSpan SignInToInSync,
    int LocalEntities,
    int SnapshotsApplied,
    long CpuMicroseconds,
    double OtherCpuShare);
