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

    private static FieldMap Headers => new(["headers"], ["headers"],
        (src, path, t, _) =>
        {
            var v = src["headers"];
            Set(t, "headers", KeyValueList.Read(v, ObjectMapper.Path(path, "headers"), allowString: true, formData: false));
        },
        (t, dst, _) => { if (t["headers"] is JsonArray headers) dst["headers"] = KeyValueList.HeaderText(headers); });

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

    private static FieldMap PathVariables => new(["pathVariables"], ["pathVariables"],
        (src, path, t, _) =>
        {
            var v = src["pathVariables"];
            if (v is JsonObject map)
            {
                var list = new JsonArray();
                foreach (var (name, value) in map) list.Add(new JsonObject { ["key"] = name, ["value"] = LooseText(value) ?? string.Empty });
                t["pathVariables"] = list;
            }
            else
            {
                Set(t, "pathVariables", KeyValueList.Read(v, ObjectMapper.Path(path, "pathVariables"), allowString: false, formData: false));
            }
        },
        (t, dst, _) =>
        {
            if (t["pathVariables"] is not JsonArray list) return;
            var map = new JsonObject();
            foreach (var entry in list.OfType<JsonObject>()) map[LooseText(entry["key"]) ?? string.Empty] = LooseText(entry["value"]) ?? string.Empty;
            dst["pathVariables"] = map;
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
