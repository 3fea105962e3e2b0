using SyncHub.Bench.Reporting;

namespace SyncHub.Bench.Cluster;

/// <summary>
/// What the cluster scenario measured: the bare hub on the Redis backplane (first, the baseline), the SyncHub cluster,
/// and SyncHub on SQLite, all under the same load, and the Redis they ran on.
/// </summary>
internal sealed record ClusterRun(IReadOnlyList<TargetResult> Results, string RedisVersion, string AppendFsync, int Nodes);
