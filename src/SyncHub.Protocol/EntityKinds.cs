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

    /// <summary>A saved example response; its parent is the request it was saved from.</summary>
    public const string Response = "response";

    /// <summary>A named set of headers (a root).</summary>
    public const string HeaderPreset = "headerPreset";

    /// <summary>An environment (a root); its variables are <see cref="EnvironmentVariable"/> entities.</summary>
    public const string Environment = "environment";

    /// <summary>One variable of an environment; its parent is the environment.</summary>
    public const string EnvironmentVariable = "environmentVariable";

    /// <summary>A global variable of the workspace (a root).</summary>
    public const string GlobalVariable = "globalVariable";

    /// <summary>The results of a collection run; its parent is the collection.</summary>
    public const string CollectionRun = "collectionRun";

    /// <summary>Every kind the hub accepts.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Collection, Folder, Request, Response, HeaderPreset, Environment, EnvironmentVariable, GlobalVariable, CollectionRun,
    };

    /// <summary>Whether <paramref name="kind"/> is a kind the hub accepts (case-sensitive).</summary>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}
