namespace SyncHub.Bench.Targets;

/// <summary>The hub's write transactions (each one flush) and the mutations they carried, since start.</summary>
internal sealed record CommitCounters(long Commits, long CommittedMutations, long LargestBatch);
