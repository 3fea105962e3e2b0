using System.Text;
using System.Text.Json;

namespace SyncHub.Postman.Tests;

/// <summary>Import, then export in the same container, as the lead's import and export will do.</summary>
internal static class RoundTrip
{
    /// <summary>Parses a file as a person's tools would: a BOM says the encoding, UTF-8 without one.</summary>
    public static JsonDocument ParseOriginal(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return JsonDocument.Parse(reader.ReadToEnd(), new JsonDocumentOptions { MaxDepth = 256 });
    }

    /// <summary>Writes <paramref name="import"/> back in the container it came in.</summary>
    public static byte[] Export(PostmanImport import, IReadOnlyCollection<PostmanEntity>? entities = null)
    {
        entities ??= import.Entities.ToList();
        using var output = new MemoryStream();
        var root = import.Roots.FirstOrDefault();
        switch (import.Kind)
        {
            case PostmanFileKind.CollectionV21:
                PostmanWriter.WriteCollection(entities, root!.Id, output);
                break;
            case PostmanFileKind.CollectionV20:
                PostmanWriter.WriteCollection(entities, root!.Id, output, PostmanCollectionFormat.V20);
                break;
            case PostmanFileKind.Environment:
                PostmanWriter.WriteEnvironment(entities, root!.Id, output);
                break;
            case PostmanFileKind.Globals:
                PostmanWriter.WriteGlobals(entities, output);
                break;
            default:
                PostmanWriter.WriteDump(entities, PostmanDumpContent.All, output);
                break;
        }
        return output.ToArray();
    }
}
