using System.Text.Json;
using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanFields;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>The members of v1 collection objects (as in Postman's data dumps): a flat list of requests and folders with order lists.</summary>
internal static class V1Shapes
{
    private static readonly Dictionary<string, string> ModeFromV1 = new(StringComparer.Ordinal)
    {
        ["raw"] = "raw", ["params"] = "formdata", ["urlencoded"] = "urlencoded", ["binary"] = "file", ["graphql"] = "graphql",
    };

    public static ObjectShape Collection { get; } = new(
        UnknownSlot.Instance,
        Name("name", "name", required: false, fallback: "New Collection"),
        Description("description", "description"),
        Auth("auth"),
        Events("events"),
        Variables("variables", "variables"),
        new ChildrenSlot("order"),
        new ChildrenSlot("folders_order") { NeverWhenAbsent = true },
        new ChildrenSlot("folders"),
        new ChildrenSlot("requests"));

    public static ObjectShape Folder { get; } = new(
        UnknownSlot.Instance,
        Name("name", "name", required: false, fallback: "New Folder"),
        Description("description", "description"),
        Auth("auth"),
        Events("events"),
        new ChildrenSlot("order"),
        new ChildrenSlot("folders_order"));

    public static ObjectShape Request { get; } = new(
        UnknownSlot.Instance,
        Name("name", "name", required: false, fallback: "New Request"),
        Description("description", "description"),
        LooseText("url", "url"),
        Text("method", "method"),
        Headers,
        Query,
        Body,
        PathVariables,
        Auth("auth"),
        Scripts,
        new ChildrenSlot("responses"));

    public static ObjectShape Response { get; } = new(
        UnknownSlot.Instance,
        Name("name", "name", required: false, fallback: "Example"),
        ResponseCode,
        KeyValues("headers", "headers", allowString: true),
        LooseText("text", "body"),
        LooseText("language", "previewLanguage"));

    // Newer dumps hold the headers twice: as entries (headerData, with every member) and as the old text; the entries win.
    private static FieldMap Headers => new(["headers", "headerData"], ["headers"],
        (src, path, t, _) =>
        {
            var entries = src["headerData"] is JsonArray
                ? KeyValueList.Read(src["headerData"], ObjectMapper.Path(path, "headerData"), allowString: false, formData: false)
                : KeyValueList.Read(src["headers"], ObjectMapper.Path(path, "headers"), allowString: true, formData: false);
            Set(t, "headers", entries);
        },
        (t, dst, format) =>
        {
            if (t["headers"] is not JsonArray headers) return;
            dst["headers"] = KeyValueList.HeaderText(headers);
            dst["headerData"] = KeyValueList.Write(headers, format);
        });

    private static FieldMap Query => new(["queryParams"], ["query"],
        (src, path, t, _) => Set(t, "query", KeyValueList.Read(src["queryParams"], ObjectMapper.Path(path, "queryParams"), allowString: false, formData: false)),
        (t, dst, format) => Set(dst, "queryParams", KeyValueList.Write(t["query"] as JsonArray, format)));

    private static FieldMap Body => new(["dataMode", "data", "rawModeData", "graphqlModeData"], ["body"],
        (src, path, t, _) =>
        {
            var mode = LooseText(src["dataMode"]);
            if (mode is null || !ModeFromV1.TryGetValue(mode, out var typedMode)) return;
            var body = new JsonObject { ["mode"] = typedMode };
            var dataPath = ObjectMapper.Path(path, "data");
            switch (typedMode)
            {
                case "raw":
                    Set(body, "raw", LooseText(src["rawModeData"]));
                    break;
                case "formdata":
                    Set(body, "formdata", KeyValueList.Read(src["data"], dataPath, allowString: false, formData: true));
                    break;
                case "urlencoded":
                    Set(body, "urlencoded", KeyValueList.Read(src["data"], dataPath, allowString: false, formData: false));
                    break;
                case "graphql":
                    if (src["graphqlModeData"] is JsonObject g)
                    {
                        var graphql = new JsonObject();
                        Set(graphql, "query", LooseText(g["query"]));
                        Set(graphql, "variables", LooseText(g["variables"]));
                        body["graphql"] = graphql;
                    }
                    break;
            }
            t["body"] = body;
        },
        (t, dst, format) =>
        {
            if (t["body"] is not JsonObject body) return;
            var mode = LooseText(body["mode"]);
            var v1 = ModeFromV1.FirstOrDefault(p => p.Value == mode).Key;
            if (v1 is null) return;
            dst["dataMode"] = v1;
            switch (mode)
            {
                case "raw":
                    dst["rawModeData"] = LooseText(body["raw"]) ?? string.Empty;
                    break;
                case "formdata":
                    dst["data"] = KeyValueList.Write(body["formdata"] as JsonArray, format) ?? [];
                    break;
                case "urlencoded":
                    dst["data"] = KeyValueList.Write(body["urlencoded"] as JsonArray, format) ?? [];
                    break;
                case "graphql":
                    Set(dst, "graphqlModeData", body["graphql"]?.DeepClone());
                    break;
            }
        });

    // Like the headers: newer dumps add pathVariableData (entries) beside the pathVariables map; the entries win.
    private static FieldMap PathVariables => new(["pathVariables", "pathVariableData"], ["pathVariables"],
        (src, path, t, _) =>
        {
            var v = src["pathVariableData"] is JsonArray ? src["pathVariableData"] : src["pathVariables"];
            if (v is JsonObject map)
            {
                var list = new JsonArray();
                foreach (var (name, value) in map) list.Add(new JsonObject { ["key"] = name, ["value"] = LooseText(value) ?? string.Empty });
                t["pathVariables"] = list;
            }
            else
            {
                var key = src["pathVariableData"] is JsonArray ? "pathVariableData" : "pathVariables";
                Set(t, "pathVariables", KeyValueList.Read(v, ObjectMapper.Path(path, key), allowString: false, formData: false));
            }
        },
        (t, dst, format) =>
        {
            if (t["pathVariables"] is not JsonArray list) return;
            var map = new JsonObject();
            foreach (var entry in list.OfType<JsonObject>()) map[LooseText(entry["key"]) ?? string.Empty] = LooseText(entry["value"]) ?? string.Empty;
            dst["pathVariables"] = map;
            dst["pathVariableData"] = KeyValueList.Write(list, format);
        });

    // Newer dumps hold the scripts twice: as events and as the old preRequestScript and tests strings.
    private static FieldMap Scripts => new(["events", "preRequestScript", "tests"], ["preRequestScript", "testScript"],
        (src, path, t, _) =>
        {
            EventList.Read(src["events"], ObjectMapper.Path(path, "events"), t);
            if (!t.ContainsKey("preRequestScript")) Set(t, "preRequestScript", LooseText(src["preRequestScript"]));
            if (!t.ContainsKey("testScript")) Set(t, "testScript", LooseText(src["tests"]));
        },
        (t, dst, _) =>
        {
            Set(dst, "events", EventList.Write(t));
            Set(dst, "preRequestScript", t["preRequestScript"]?.DeepClone());
            Set(dst, "tests", t["testScript"]?.DeepClone());
        })
    {
        Strip = group =>
        {
            EventList.Strip(group["events"]);
            foreach (var key in new[] { "preRequestScript", "tests" })
            {
                if (group[key]?.GetValueKind() == JsonValueKind.String) group[key] = EventList.Marker();
            }
            return group;
        },
        Fill = (group, typed) =>
        {
            EventList.Fill(group["events"], typed);
            if (EventList.IsMarker(group["preRequestScript"])) group["preRequestScript"] = typed["preRequestScript"]?.DeepClone();
            if (EventList.IsMarker(group["tests"])) group["tests"] = typed["testScript"]?.DeepClone();
            return group;
        },
    };

    private static FieldMap ResponseCode => new(["responseCode"], ["code", "status"],
        (src, path, t, _) =>
        {
            if (src["responseCode"] is not JsonObject rc) return;
            if (rc["code"]?.GetValueKind() == JsonValueKind.Number && rc["code"]!.AsValue().TryGetValue<int>(out var code) && code is >= 100 and <= 999) t["code"] = code;
            Set(t, "status", LooseText(rc["name"]));
        },
        (t, dst, _) =>
        {
            if (t["code"] is null && t["status"] is null) return;
            var rc = new JsonObject();
            Set(rc, "code", t["code"]?.DeepClone());
            Set(rc, "name", t["status"]?.DeepClone());
            dst["responseCode"] = rc;
        });
}
