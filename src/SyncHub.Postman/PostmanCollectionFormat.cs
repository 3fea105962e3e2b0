namespace SyncHub.Postman;

/// <summary>The collection file formats <see cref="PostmanWriter.WriteCollection(IReadOnlyCollection{PostmanEntity}, string, Stream, PostmanCollectionFormat)"/> writes.</summary>
public enum PostmanCollectionFormat
{
    /// <summary>Collection format v2.1.0, what Postman exports today (auth attributes as arrays).</summary>
    V21,

    /// <summary>Collection format v2.0.0 (auth attributes as maps), for giving a v2.0 file back as it came.</summary>
    V20,
}
