using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>Recognises a Postman file by its content and reads it whole.</summary>
internal static class FileReader
{
    public static PostmanImport Read(ReadOnlySpan<byte> file, PostmanReadOptions options)
    {
        try
        {
            return ReadParsed(JsonInput.Parse(file), options);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException && JsonInput.FindDuplicate(file) is { } path)
        {
            // Postman's own reader (JSON.parse) would keep the last value; which one the author meant is not clear, so say where it is.
            throw new PostmanFormatException(path, "This member appears twice in the same object; keep one of them.", ex) { Code = PostmanErrorCodes.NotJson };
        }
    }

    private static PostmanImport ReadParsed(JsonNode root, PostmanReadOptions options)
    {
        if (root is not JsonObject obj)
            throw new PostmanFormatException("$", $"This is not a Postman collection, environment, globals or data dump: the file is {PostmanValues.Describe(root)}, not a JSON object.") { Code = PostmanErrorCodes.NotPostman };
        var builder = new ImportBuilder(options);
        var kind = Detect(obj);
        var first = EntityRank.Sequence(1)[0];
        switch (kind)
        {
            case PostmanFileKind.CollectionV21 or PostmanFileKind.CollectionV20:
                ReadCollection(obj, builder, first);
                break;
            case PostmanFileKind.CollectionV1:
                new CollectionV1Reader(builder).Read(obj, "$", first);
                break;
            case PostmanFileKind.Environment:
                new VariablesReader(builder).ReadEnvironment(obj, "$", first, PostmanResidual.Environment);
                break;
            case PostmanFileKind.Globals:
                ReadGlobals(obj, builder);
                break;
            default:
                ReadDump(obj, builder);
                break;
        }
        return new PostmanImport(kind, builder.Entities);
    }

    private static PostmanFileKind Detect(JsonObject obj)
    {
        if (obj["collection"] is JsonObject inner && inner.ContainsKey("info")) return VersionOf(inner);
        if (obj.ContainsKey("info") && (obj.ContainsKey("item") || obj["info"] is JsonObject)) return VersionOf(obj);
        if (obj["collections"] is JsonArray || (obj.ContainsKey("version") && (obj.ContainsKey("environments") || obj.ContainsKey("headerPresets") || obj.ContainsKey("globals"))))
            return PostmanFileKind.DataDump;
        if (obj["requests"] is JsonArray && (obj.ContainsKey("order") || obj.ContainsKey("folders") || obj.ContainsKey("name"))) return PostmanFileKind.CollectionV1;
        var scope = obj["_postman_variable_scope"];
        if (scope?.GetValueKind() == JsonValueKind.String && scope.GetValue<string>() == "globals") return PostmanFileKind.Globals;
        if (obj["values"] is JsonArray || (scope?.GetValueKind() == JsonValueKind.String && scope.GetValue<string>() == "environment"))
            return PostmanFileKind.Environment;
        var members = string.Join(", ", obj.Take(8).Select(p => $"'{p.Key}'")) + (obj.Count > 8 ? ", ..." : string.Empty);
        throw new PostmanFormatException("$", obj.Count == 0
            ? "This is not a Postman collection, environment, globals or data dump: the file is an empty JSON object."
            : $"This is not a Postman collection, environment, globals or data dump: a JSON object with the members {members} (a collection has 'info' and 'item', an environment 'name' and 'values', a globals export '_postman_variable_scope': \"globals\", a dump 'version' and 'collections').")
        {
            Code = PostmanErrorCodes.NotPostman,
        };
    }

    private static PostmanFileKind VersionOf(JsonObject collection)
    {
        var schema = collection["info"] is JsonObject info ? PostmanValues.LooseText(info["schema"]) : null;
        return schema is not null && schema.Contains("v2.0.0", StringComparison.Ordinal) ? PostmanFileKind.CollectionV20 : PostmanFileKind.CollectionV21;
    }

    private static void ReadCollection(JsonObject obj, ImportBuilder builder, string rank)
    {
        JsonObject? envelope = null;
        var collection = obj;
        var path = "$";
        if (obj["collection"] is JsonObject inner && inner.ContainsKey("info"))
        {
            collection = inner;
            path = "$.collection";
            obj.Remove("collection");
            envelope = obj;
        }
        var format = VersionOf(collection) == PostmanFileKind.CollectionV20 ? PostmanResidual.V20 : PostmanResidual.V21;
        new CollectionV2Reader(builder, format).Read(collection, path, envelope, rank);
    }

    private static void ReadGlobals(JsonObject obj, ImportBuilder builder)
    {
        var values = PostmanValues.Array(obj, "$", "values") ?? throw new PostmanFormatException("$.values", "A globals export needs a 'values' array.");
        var container = new JsonObject();
        foreach (var (name, value) in obj)
        {
            // The placeholder keeps the place of 'values' among the members, so the file is written back in its own order.
            container[name] = name == "values" ? null : value?.DeepClone();
        }
        new VariablesReader(builder).ReadGlobals(values, "$.values", EntityRank.Sequence(values.Count), PostmanResidual.Globals, container);
    }

    private static void ReadDump(JsonObject obj, ImportBuilder builder)
    {
        var collections = PostmanValues.Array(obj, "$", "collections") ?? [];
        var environments = PostmanValues.Array(obj, "$", "environments") ?? [];
        var presets = PostmanValues.Array(obj, "$", "headerPresets") ?? [];
        var globals = PostmanValues.Array(obj, "$", "globals") ?? [];
        var ranks = EntityRank.Sequence(collections.Count + environments.Count + presets.Count + globals.Count);
        var r = 0;
        var variables = new VariablesReader(builder);
        for (var i = 0; i < collections.Count; i++)
        {
            var c = PostmanValues.ItemObject(collections[i], "$.collections", i);
            var path = $"$.collections[{i}]";
            if (c.ContainsKey("info"))
            {
                var format = VersionOf(c) == PostmanFileKind.CollectionV20 ? PostmanResidual.V20 : PostmanResidual.V21;
                new CollectionV2Reader(builder, format).Read(c, path, null, ranks[r++]);
            }
            else
            {
                new CollectionV1Reader(builder).Read(c, path, ranks[r++]);
            }
        }
        for (var i = 0; i < environments.Count; i++)
            variables.ReadEnvironment(PostmanValues.ItemObject(environments[i], "$.environments", i), $"$.environments[{i}]", ranks[r++], PostmanResidual.Dump);
        for (var i = 0; i < presets.Count; i++)
            variables.ReadHeaderPreset(PostmanValues.ItemObject(presets[i], "$.headerPresets", i), $"$.headerPresets[{i}]", ranks[r++]);
        variables.ReadGlobals(globals, "$.globals", ranks.Skip(r).ToList(), PostmanResidual.Dump, null);
    }
}
