namespace SyncHub.Postman;

/// <summary>Writes workspace entities as Postman files. Output is UTF-8 JSON without a BOM, tab-indented as Postman writes it.</summary>
public static class PostmanWriter
{
    /// <summary>Writes the collection <paramref name="collectionId"/> with everything below it, as a v2.1.0 collection.</summary>
    /// <param name="entities">Entities of the workspace (more than the collection's are fine; they are ignored).</param>
    /// <param name="collectionId">The collection to write.</param>
    /// <param name="output">Where to write.</param>
    /// <exception cref="ArgumentException"><paramref name="collectionId"/> is not a collection among <paramref name="entities"/>.</exception>
    public static void WriteCollection(IReadOnlyCollection<PostmanEntity> entities, string collectionId, Stream output) =>
        throw new NotImplementedException();

    /// <summary>Writes the environment <paramref name="environmentId"/> with its variables as an environment export.</summary>
    /// <exception cref="ArgumentException"><paramref name="environmentId"/> is not an environment among <paramref name="entities"/>.</exception>
    public static void WriteEnvironment(IReadOnlyCollection<PostmanEntity> entities, string environmentId, Stream output) =>
        throw new NotImplementedException();

    /// <summary>Writes the global variables of <paramref name="entities"/> as a globals export.</summary>
    public static void WriteGlobals(IReadOnlyCollection<PostmanEntity> entities, Stream output) =>
        throw new NotImplementedException();

    /// <summary>Writes a data dump of <paramref name="entities"/> with what <paramref name="content"/> names.</summary>
    public static void WriteDump(IReadOnlyCollection<PostmanEntity> entities, PostmanDumpContent content, Stream output) =>
        throw new NotImplementedException();
}
