using SyncHub.Protocol;

namespace SyncHub.Client;

/// <summary>A local change the hub answered with a conflict: the entity had moved on since the change's base version.</summary>
/// <param name="MutationId">The refused mutation.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">The entity's kind.</param>
/// <param name="MineBody">The body this device wanted (null for a delete).</param>
/// <param name="Theirs">The hub's current version, now shown locally.</param>
/// <param name="BaseVersion">The version the local change was made against.</param>
/// <param name="At">When the conflict was recorded.</param>
public sealed record ConflictRecord(string MutationId, string EntityId, string Kind, string? MineBody, EntityState? Theirs, long BaseVersion, DateTimeOffset At);
