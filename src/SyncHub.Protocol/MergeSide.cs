namespace SyncHub.Protocol;

/// <summary>Which side's value a conflicting field keeps in <see cref="EntityMerge.Resolve(string, string, string, MergeSide)"/>.</summary>
public enum MergeSide
{
    /// <summary>The local edit's value.</summary>
    Mine,

    /// <summary>The other side's (the hub's) value.</summary>
    Theirs,
}
