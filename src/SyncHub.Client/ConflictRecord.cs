using SyncHub.Protocol;

namespace SyncHub.Client;

/// <summary>
/// A local change the hub answered with a conflict: the entity had moved on since the change's base version and the
/// two could not be merged (the same field changed on both sides, or an edit met a delete). The entity shows
/// <see cref="Theirs"/> locally until the conflict is resolved with <see cref="SyncClient.ResolveAsync"/>.
/// </summary>
/// <param name="MutationId">The refused mutation.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">The entity's kind.</param>
/// <param name="MineBody">The body this device wanted (null for a delete).</param>
/// <param name="Theirs">The hub's current version, now shown locally.</param>
/// <param name="BaseVersion">The version the local change was made against.</param>
/// <param name="At">When the conflict was recorded.</param>
public sealed record ConflictRecord(string MutationId, string EntityId, string Kind, string? MineBody, EntityState? Theirs, long BaseVersion, DateTimeOffset At)
{
    /// <summary>The conflict's local id, what <c>synchub conflicts</c> shows; unique in this profile.</summary>
    public long Id { get; init; }

    /// <summary>What this device's edit was: <see cref="MutationOps.Update"/> or <see cref="MutationOps.Delete"/>.</summary>
    public string Op => MineBody is null ? MutationOps.Delete : MutationOps.Update;

    /// <summary>
    /// This device's edit as parent and body; null for a delete. When several local edits of the entity were waiting,
    /// this is the latest of them (they are one conflict: see docs/CLIENT.md).
    /// </summary>
    public EntityContent? Mine { get; init; }

    /// <summary>The entity as this device last had it from the hub when the edit was made; null when not known (a delete).</summary>
    public EntityContent? Base { get; init; }

    /// <summary>The top-level fields both sides changed differently (<c>parentId</c> for the parent); empty for an edit against a delete or a delete against an edit.</summary>
    public IReadOnlyList<string> ConflictingFields { get; init; } = [];

    /// <summary>Whether the hub's side is a delete: keeping mine then restores the entity.</summary>
    public bool IsAgainstDelete => Theirs is { Deleted: true };
}
