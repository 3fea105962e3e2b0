namespace SyncHub.Client.Internal;

/// <summary>What the status shows about the local store of one workspace.</summary>
internal readonly record struct LocalCounts(int Pending, int Conflicts, int Failed, DateTimeOffset? OldestPendingCreatedAt)
{
    public static LocalCounts Empty => default;
}
