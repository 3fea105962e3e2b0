namespace SyncHub.Client;

/// <summary>How <see cref="SyncClient.ResolveAsync"/> settles a <see cref="ConflictRecord"/>.</summary>
public sealed class ConflictResolution
{
    private ConflictResolution(ConflictResolutionKind kind, string? body)
    {
        Kind = kind;
        Body = body;
    }

    /// <summary>
    /// Keep this device's edit: the conflicting fields take mine, the fields only the other side changed keep theirs;
    /// a delete is sent again on the hub's version; an edit against a delete restores the entity.
    /// </summary>
    public static ConflictResolution KeepMine { get; } = new(ConflictResolutionKind.KeepMine, null);

    /// <summary>Keep the hub's version (already shown) and drop this device's edit.</summary>
    public static ConflictResolution KeepTheirs { get; } = new(ConflictResolutionKind.KeepTheirs, null);

    /// <summary>What kind of resolution this is.</summary>
    public ConflictResolutionKind Kind { get; }

    /// <summary>For <see cref="ConflictResolutionKind.Merged"/>: the body to store.</summary>
    public string? Body { get; }

    /// <summary>Store <paramref name="body"/>, a merge the app or the person made; it keeps the parent the entity shows (restores it when deleted).</summary>
    public static ConflictResolution Merged(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new ConflictResolution(ConflictResolutionKind.Merged, body);
    }

    /// <inheritdoc />
    public override string ToString() => Kind.ToString();
}
