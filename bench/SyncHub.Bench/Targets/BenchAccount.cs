namespace SyncHub.Bench.Targets;

/// <summary>An account of a target: its workspace and one bearer token per device (null for a hub without sign-in).</summary>
internal sealed record BenchAccount(int Index, string WorkspaceId, IReadOnlyList<string?> DeviceTokens);
