namespace SyncHub.Protocol;

/// <summary>A top-level field both sides changed differently. Each value is its JSON text, or null where the side has no such field.</summary>
/// <param name="Field">The field's name; <see cref="EntityMerge.ParentIdField"/> for the entity's parent.</param>
/// <param name="Base">The value both sides started from.</param>
/// <param name="Mine">This side's value.</param>
/// <param name="Theirs">The other side's value.</param>
public sealed record FieldConflict(string Field, string? Base, string? Mine, string? Theirs);
