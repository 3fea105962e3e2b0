namespace SyncHub.Client;

/// <summary>Where <see cref="SyncClient.MoveAsync(string, string?, EntityPosition, System.Threading.CancellationToken)"/> puts an entity among its new siblings.</summary>
public sealed class EntityPosition
{
    private EntityPosition(string? anchorId, bool isAfter, int? index)
    {
        AnchorId = anchorId;
        IsAfter = isAfter;
        Index = index;
    }

    /// <summary>First among the siblings.</summary>
    public static EntityPosition First { get; } = new(null, false, 0);

    /// <summary>Last among the siblings.</summary>
    public static EntityPosition Last { get; } = new(null, false, null);

    /// <summary>The sibling this position is next to, or null for an index.</summary>
    public string? AnchorId { get; }

    /// <summary>True for right after <see cref="AnchorId"/>, false for right before it.</summary>
    public bool IsAfter { get; }

    /// <summary>The 0-based place among the siblings (without the moved entity); null means last. Ignored when <see cref="AnchorId"/> is set.</summary>
    public int? Index { get; }

    /// <summary>Right before the sibling <paramref name="siblingId"/>.</summary>
    public static EntityPosition Before(string siblingId)
    {
        ArgumentException.ThrowIfNullOrEmpty(siblingId);
        return new(siblingId, false, null);
    }

    /// <summary>Right after the sibling <paramref name="siblingId"/>.</summary>
    public static EntityPosition After(string siblingId)
    {
        ArgumentException.ThrowIfNullOrEmpty(siblingId);
        return new(siblingId, true, null);
    }

    /// <summary>At the 0-based <paramref name="index"/> among the siblings (past the end means last).</summary>
    public static EntityPosition At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(null, false, index);
    }
}
