namespace SyncHub.Server.Storage;

/// <summary>
/// The bounded change log: prunes changes older than the newest N of a workspace and tells how far it pruned. The SQLite
/// store implements it; a Redis store follows the same contract.
/// </summary>
/// <remarks>
/// The pruned-through seq of a workspace only grows, and it is raised before the changes it covers disappear: a reader
/// that reads a page of changes and then finds its cursor at or above the pruned-through seq knows the page had no gap.
/// </remarks>
public interface IChangeLogRetention
{
    /// <summary>The newest seq that may have been pruned (0 when nothing was): changes after it are all kept.</summary>
    Task<long> GetPrunedThroughAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Prunes the changes of the workspace beyond the newest <paramref name="keep"/>; returns the new pruned-through seq.</summary>
    Task<long> PruneAsync(string workspaceId, int keep, CancellationToken cancellationToken);

    /// <summary>Workspaces whose change log holds more than <paramref name="keep"/> changes after the pruned-through seq.</summary>
    Task<IReadOnlyList<string>> FindWorkspacesOverAsync(int keep, CancellationToken cancellationToken);
}
