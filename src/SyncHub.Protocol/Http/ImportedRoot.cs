namespace SyncHub.Protocol.Http;

/// <summary>One top-level entity an import created (a collection, an environment, a global variable or a header preset).</summary>
public sealed class ImportedRoot
{
    /// <summary>Its new id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>One of <see cref="EntityKinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Its name (or key, for a global variable).</summary>
    public string Name { get; set; } = string.Empty;
}
