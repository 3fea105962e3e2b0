using System.Text.Json;
using SyncHub.Postman.Internal;
using SyncHub.Protocol;

namespace SyncHub.Postman;

/// <summary>
/// Writes workspace entities as Postman files. Output is UTF-8 JSON without a BOM, tab-indented as Postman writes it,
/// with non-ASCII text as it is. Children are written in rank order. An entity read by <see cref="PostmanReader"/> from
/// a file of the same format is written back as it came wherever its typed fields were not changed.
/// </summary>
public static class PostmanWriter
{
    /// <summary>Writes the collection <paramref name="collectionId"/> with everything below it, as a v2.1.0 collection.</summary>
    /// <param name="entities">Entities of the workspace (more than the collection's are fine; they are ignored).</param>
    /// <param name="collectionId">The collection to write.</param>
    /// <param name="output">Where to write.</param>
    /// <exception cref="ArgumentException"><paramref name="collectionId"/> is not a collection among <paramref name="entities"/>.</exception>
    public static void WriteCollection(IReadOnlyCollection<PostmanEntity> entities, string collectionId, Stream output) =>
        WriteCollection(entities, collectionId, output, PostmanCollectionFormat.V21);

    /// <summary>Writes the collection <paramref name="collectionId"/> with everything below it in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="collectionId"/> is not a collection among <paramref name="entities"/>.</exception>
    public static void WriteCollection(IReadOnlyCollection<PostmanEntity> entities, string collectionId, Stream output, PostmanCollectionFormat format)
    {
        ArgumentNullException.ThrowIfNull(collectionId);
        ArgumentNullException.ThrowIfNull(output);
        var tree = new EntityTree(entities);
        var collection = tree.Get(collectionId, EntityKinds.Collection, nameof(collectionId));
        using var writer = new Utf8JsonWriter(output, JsonOutput.Options);
        new CollectionV2Writer(writer, format == PostmanCollectionFormat.V20 ? PostmanResidual.V20 : PostmanResidual.V21).Write(collection);
        writer.Flush();
    }

    /// <summary>Writes the environment <paramref name="environmentId"/> with its variables as an environment export.</summary>
    /// <exception cref="ArgumentException"><paramref name="environmentId"/> is not an environment among <paramref name="entities"/>.</exception>
    public static void WriteEnvironment(IReadOnlyCollection<PostmanEntity> entities, string environmentId, Stream output)
    {
        ArgumentNullException.ThrowIfNull(environmentId);
        ArgumentNullException.ThrowIfNull(output);
        var tree = new EntityTree(entities);
        var environment = tree.Get(environmentId, EntityKinds.Environment, nameof(environmentId));
        using var writer = new Utf8JsonWriter(output, JsonOutput.Options);
        new VariablesWriter(writer, TimeProvider.System).WriteEnvironment(environment, export: true);
        writer.Flush();
    }

    /// <summary>Writes the global variables of <paramref name="entities"/> as a globals export.</summary>
    public static void WriteGlobals(IReadOnlyCollection<PostmanEntity> entities, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tree = new EntityTree(entities);
        using var writer = new Utf8JsonWriter(output, JsonOutput.Options);
        new VariablesWriter(writer, TimeProvider.System).WriteGlobalsExport(tree.Roots.Where(r => r.Entity.Kind == EntityKinds.GlobalVariable).ToList());
        writer.Flush();
    }

    /// <summary>Writes a data dump of <paramref name="entities"/> with what <paramref name="content"/> names (collections in v1 form, as Postman's dumps hold them).</summary>
    public static void WriteDump(IReadOnlyCollection<PostmanEntity> entities, PostmanDumpContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tree = new EntityTree(entities);
        using var writer = new Utf8JsonWriter(output, JsonOutput.Options);
        new DumpWriter(writer, TimeProvider.System).Write(tree, content);
        writer.Flush();
    }
}
