namespace SyncHub.Server.Redis;

/// <summary>Log events of the cluster's node heartbeat, presence and device events (ids 3100-3199).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(3101, LogLevel.Warning, "Node {NodeId} could not refresh its heartbeat in Redis; other nodes count its devices offline once it expires.")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string nodeId);

    [LoggerMessage(3102, LogLevel.Information, "Node {NodeId} found its heartbeat gone from Redis and registered its {Count} connection(s) again.")]
    public static partial void PresenceRestored(ILogger logger, string nodeId, int count);

    [LoggerMessage(3104, LogLevel.Warning, "Sending the device event {Kind} to the other nodes failed; only this node applied it.")]
    public static partial void DeviceEventNotSent(ILogger logger, Exception exception, string kind);

    [LoggerMessage(3105, LogLevel.Warning, "Only {Replies} of {Expected} other node(s) confirmed the device event {Kind} within {Timeout}.")]
    public static partial void DeviceEventUnconfirmed(ILogger logger, int replies, int expected, string kind, TimeSpan timeout);

    [LoggerMessage(3106, LogLevel.Warning, "A device event from another node could not be applied or confirmed.")]
    public static partial void DeviceEventFailed(ILogger logger, Exception exception);

    [LoggerMessage(3107, LogLevel.Warning, "Node {NodeId} could not remove its heartbeat and connections from Redis at shutdown; they expire on their own.")]
    public static partial void ShutdownCleanupFailed(ILogger logger, Exception exception, string nodeId);

    [LoggerMessage(3108, LogLevel.Information, "Found a node whose heartbeat expired; told the devices of its {Count} account(s) that its devices are offline.")]
    public static partial void DeadNodeReaped(ILogger logger, int count);

    [LoggerMessage(3109, LogLevel.Warning, "Looking for nodes whose heartbeat expired failed; the next round looks again.")]
    public static partial void DeadNodeCheckFailed(ILogger logger, Exception exception);
}
