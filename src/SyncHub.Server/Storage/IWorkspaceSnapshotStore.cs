using SyncHub.Protocol;

namespace SyncHub.Server.Storage;

/// <summary>Reads every live entity of a workspace at one consistent head. The SQLite store implements it; a Redis store follows the same contract.</summary>
public interface IWorkspaceSnapshotStore
{
    /// <summary>Every live entity (no tombstones) and the head seq they reflect, read in one read transaction.</summary>
    Task<WorkspaceSnapshot> ReadSnapshotAsync(string workspaceId, CancellationToken cancellationToken);
}

/// <summary>A workspace's live entities as of <see cref="HeadSeq"/>.</summary>
public sealed record WorkspaceSnapshot(string WorkspaceId, long HeadSeq, IReadOnlyList<EntityState> Entities);
