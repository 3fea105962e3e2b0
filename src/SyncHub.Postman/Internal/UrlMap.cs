using System.Text.Json;
using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>A v2 request's <c>url</c> (a string or an object) and the typed <c>url</c> (its raw text), <c>query</c> and <c>pathVariables</c>.</summary>
internal static class UrlMap
{
    public static FieldMap Field { get; } = new(["url"], ["url", "query", "pathVariables"], Read, Write);

    private static void Read(JsonObject src, string path, JsonObject typed, string format)
    {
        var node = src["url"];
        if (node is null) return;
        var p = ObjectMapper.Path(path, "url");
        if (node.GetValueKind() == JsonValueKind.String)
        {
            typed["url"] = node.GetValue<string>();
            return;
        }
        if (node is not JsonObject url) throw Wrong(path, "url", "a string or an object", node);
        var raw = url["raw"];
        if (raw is not null && raw.GetValueKind() != JsonValueKind.String) throw Wrong(p, "raw", "a string", raw);
        typed["url"] = raw?.GetValue<string>() ?? Build(url);
        Set(typed, "query", KeyValueList.Read(url["query"], ObjectMapper.Path(p, "query"), allowString: false, formData: false));
        Set(typed, "pathVariables", KeyValueList.Read(url["variable"], ObjectMapper.Path(p, "variable"), allowString: false, formData: false));
    }

    private static void Write(JsonObject typed, JsonObject dst, string format)
    {
        var query = KeyValueList.Write(typed["query"] as JsonArray, format);
        var variables = KeyValueList.Write(typed["pathVariables"] as JsonArray, format);
        var raw = LooseText(typed["url"]);
        if (raw is null && query is null && variables is null) return;
        dst["url"] = UrlParts.ToObject(raw ?? string.Empty, query, variables);
    }

    // An url object without raw: put it together from its parts, as Postman shows it.
    private static string Build(JsonObject url)
    {
        static string Join(JsonNode? node, char separator) => node switch
        {
            JsonArray parts => string.Join(separator, parts.Select(p => p is JsonObject o ? LooseText(o["value"]) : LooseText(p))),
            null => string.Empty,
            _ => LooseText(node) ?? string.Empty,
        };
        var text = new System.Text.StringBuilder();
        if (LooseText(url["protocol"]) is { } protocol) text.Append(protocol).Append("://");
        text.Append(Join(url["host"], '.'));
        if (LooseText(url["port"]) is { } port) text.Append(':').Append(port);
        var path = Join(url["path"], '/');
        if (path.Length > 0) text.Append('/').Append(path);
        if (url["query"] is JsonArray query)
        {
            var pairs = query.OfType<JsonObject>().Where(q => q["disabled"]?.GetValueKind() != JsonValueKind.True)
                .Select(q => q["value"] is null ? LooseText(q["key"]) : $"{LooseText(q["key"])}={LooseText(q["value"])}").ToList();
            if (pairs.Count > 0) text.Append('?').Append(string.Join('&', pairs));
        }
        if (LooseText(url["hash"]) is { } hash) text.Append('#').Append(hash);
        return text.ToString();
    }
}
