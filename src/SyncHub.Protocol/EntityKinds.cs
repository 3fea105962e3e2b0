namespace SyncHub.Protocol;

/// <summary>The kinds of entity a workspace holds. The store is generic over kind; this list says which the hub accepts.</summary>
public static class EntityKinds
{
    /// <summary>A collection: the root of a tree of folders and requests.</summary>
    public const string Collection = "collection";

    /// <summary>A folder inside a collection or another folder.</summary>
    public const string Folder = "folder";

    /// <summary>A request inside a collection or folder.</summary>
    public const string Request = "request";

    /// <summary>Every kind the hub accepts.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Collection, Folder, Request };

    /// <summary>Whether <paramref name="kind"/> is a kind the hub accepts (case-sensitive).</summary>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}
