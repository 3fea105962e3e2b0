using Microsoft.Extensions.Logging;

namespace SyncHub.Server.Redis;

/// <summary>Log events of the Redis stores (ids 3000-3099). Never logs bodies, tokens or the Redis password.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(3001, LogLevel.Warning, "Redis could not apply {Count} mutation(s) of workspace {WorkspaceId}; they were answered 'unavailable'.")]
    public static partial void GroupUnavailable(ILogger logger, Exception exception, int count, string workspaceId);

    [LoggerMessage(3002, LogLevel.Debug, "Workspace {WorkspaceId} moved on in Redis during a commit (attempt {Attempt}); retrying on the new head.")]
    public static partial void CommitRaced(ILogger logger, string workspaceId, int attempt);

    [LoggerMessage(3003, LogLevel.Debug, "Reloaded the entity rows of workspace {WorkspaceId} at seq {Head}.")]
    public static partial void ReplicaReloaded(ILogger logger, string workspaceId, long head);

    [LoggerMessage(3005, LogLevel.Warning, "SyncHub node in cluster mode on Redis {Endpoints}, key prefix '{Prefix}': Redis does not answer yet; the node answers 'unavailable' until it does.")]
    public static partial void ClusterModeStartedDisconnected(ILogger logger, string endpoints, string prefix);
}
