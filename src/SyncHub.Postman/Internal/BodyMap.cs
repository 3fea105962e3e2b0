using System.Text.Json;
using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>A v2 request's <c>body</c>: the same members typed, but <c>options.raw.language</c> is <c>language</c>.</summary>
internal static class BodyMap
{
    public static FieldMap Field(string key) => new([key], ["body"],
        (src, path, t, _) => Set(t, "body", Read(src[key], ObjectMapper.Path(path, key))),
        (t, dst, format) => Set(dst, key, Write(t["body"] as JsonObject, format)));

    public static JsonObject? Read(JsonNode? node, string path)
    {
        if (node is null) return null;
        if (node is not JsonObject body) throw new PostmanFormatException(path, $"A body must be an object, not {Describe(node)}.");
        var typed = new JsonObject();
        Set(typed, "mode", Text(body, path, "mode"));
        Set(typed, "raw", LooseText(body["raw"]));
        if (body["options"] is JsonObject { } options && options["raw"] is JsonObject rawOptions && rawOptions["language"] is { } language)
            typed["language"] = LooseText(language);
        Set(typed, "urlencoded", KeyValueList.Read(body["urlencoded"], ObjectMapper.Path(path, "urlencoded"), allowString: false, formData: false));
        Set(typed, "formdata", KeyValueList.Read(body["formdata"], ObjectMapper.Path(path, "formdata"), allowString: false, formData: true));
        if (body["graphql"] is { } graphqlNode)
        {
            if (graphqlNode is not JsonObject graphql) throw Wrong(path, "graphql", "an object", graphqlNode);
            var g = new JsonObject();
            Set(g, "query", LooseText(graphql["query"]));
            Set(g, "variables", LooseText(graphql["variables"]));
            foreach (var (name, value) in graphql)
            {
                if (name is not ("query" or "variables")) g[name] = value?.DeepClone();
            }
            typed["graphql"] = g;
        }
        if (body["file"] is { } fileNode)
        {
            if (fileNode is not JsonObject file) throw Wrong(path, "file", "an object", fileNode);
            var f = new JsonObject();
            Set(f, "src", file["src"] is JsonArray files ? files.Select(LooseText).FirstOrDefault(s => s is not null) : LooseText(file["src"]));
            foreach (var (name, value) in file)
            {
                if (name != "src") f[name] = value?.DeepClone();
            }
            typed["file"] = f;
        }
        Set(typed, "disabled", Flag(body, path, "disabled"));
        foreach (var (name, value) in body)
        {
            if (name is "mode" or "raw" or "urlencoded" or "formdata" or "graphql" or "file" or "disabled") continue;
            if (name == "options" && value is JsonObject options2)
            {
                var rest = (JsonObject)options2.DeepClone();
                if (rest["raw"] is JsonObject raw && raw.ContainsKey("language"))
                {
                    raw.Remove("language");
                    if (raw.Count == 0) rest.Remove("raw");
                }
                if (rest.Count > 0 || !typed.ContainsKey("language")) typed["options"] = rest;
                continue;
            }
            typed[name] = value?.DeepClone();
        }
        return typed;
    }

    public static JsonObject? Write(JsonObject? typed, string format)
    {
        if (typed is null) return null;
        var body = new JsonObject();
        foreach (var (name, value) in typed)
        {
            switch (name)
            {
                case "language":
                    continue;
                case "urlencoded":
                    body[name] = KeyValueList.Write(value as JsonArray, format);
                    break;
                case "formdata":
                    body[name] = KeyValueList.Write(value as JsonArray, format);
                    break;
                default:
                    body[name] = value?.DeepClone();
                    break;
            }
        }
        if (typed["language"] is { } language)
        {
            if (body["options"] is not JsonObject options) body["options"] = options = [];
            if (options["raw"] is not JsonObject raw) options["raw"] = raw = [];
            raw["language"] = language.DeepClone();
        }
        return body;
    }
}
