namespace SyncHub.Protocol;

/// <summary>The outcome of a three-way merge: a merged entity, or the fields that conflict.</summary>
public sealed class EntityMergeResult
{
    internal EntityMergeResult(string? body, string? parentId, IReadOnlyList<FieldConflict> conflicts)
    {
        Body = body;
        ParentId = parentId;
        Conflicts = conflicts;
        ConflictingFields = [.. conflicts.Select(c => c.Field)];
    }

    /// <summary>Whether the two edits merged; false when a field conflicts.</summary>
    public bool IsMerged => Conflicts.Count == 0;

    /// <summary>The merged body (JSON text) when <see cref="IsMerged"/>, else null.</summary>
    public string? Body { get; }

    /// <summary>The merged parent when <see cref="IsMerged"/> (null is also a root); set only by the <see cref="EntityContent"/> merge.</summary>
    public string? ParentId { get; }

    /// <summary>Names of the conflicting top-level fields, in the order of the merged body; empty when merged.</summary>
    public IReadOnlyList<string> ConflictingFields { get; }

    /// <summary>The conflicting fields with the three values of each.</summary>
    public IReadOnlyList<FieldConflict> Conflicts { get; }
}
