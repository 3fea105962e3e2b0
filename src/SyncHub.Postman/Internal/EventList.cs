using System.Text.Json;
using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Postman's <c>event</c> list and the two typed scripts: <c>listen: "prerequest"</c> is <c>preRequestScript</c>,
/// <c>listen: "test"</c> is <c>testScript</c>, each the <c>exec</c> lines joined by "\n".
/// </summary>
internal static class EventList
{
    private const string PreRequest = "prerequest";
    private const string Test = "test";

    public static void Read(JsonNode? node, string path, JsonObject typed)
    {
        if (node is null) return;
        if (node is not JsonArray list) throw new PostmanFormatException(path, $"Events must be an array, not {Describe(node)}.");
        List<string>? pre = null, test = null;
        for (var i = 0; i < list.Count; i++)
        {
            var entry = ItemObject(list[i], path, i);
            var ip = $"{path}[{i}]";
            var listen = Text(entry, ip, "listen");
            if (entry["script"] is not { } scriptNode) continue;
            if (scriptNode is not JsonObject script) throw Wrong(ip, "script", "an object", scriptNode);
            var exec = Exec(script, ObjectMapper.Path(ip, "script"));
            if (exec is null) continue;
            if (listen == PreRequest) (pre ??= []).Add(exec);
            else if (listen == Test) (test ??= []).Add(exec);
        }
        if (pre is not null) typed["preRequestScript"] = string.Join('\n', pre);
        if (test is not null) typed["testScript"] = string.Join('\n', test);
    }

    public static JsonArray? Write(JsonObject typed)
    {
        var list = new JsonArray();
        Add(list, PreRequest, typed["preRequestScript"]);
        Add(list, Test, typed["testScript"]);
        return list.Count == 0 ? null : list;
    }

    /// <summary>Marks where a stripped value was; no Postman file holds an object with this member.</summary>
    public static JsonObject Marker() => new() { ["$stripped"] = true };

    public static bool IsMarker(JsonNode? node) => node is JsonObject { Count: 1 } o && o["$stripped"]?.GetValueKind() is JsonValueKind.True or JsonValueKind.String;

    // An exec that was one string (v2.0) comes back as one string.
    private static bool IsTextMarker(JsonNode? node) => node is JsonObject { Count: 1 } o && o["$stripped"]?.GetValueKind() == JsonValueKind.String;

    /// <summary>Replaces each <c>exec</c> (lines or one string), which the typed scripts hold already, by a marker; <see cref="Fill"/> puts them back.</summary>
    public static void Strip(JsonNode? events)
    {
        if (events is not JsonArray list) return;
        foreach (var entry in list)
        {
            if (entry?["script"] is not JsonObject script) continue;
            if (script["exec"] is JsonArray) script["exec"] = Marker();
            else if (script["exec"]?.GetValueKind() == JsonValueKind.String) script["exec"] = new JsonObject { ["$stripped"] = "text" };
        }
    }

    public static void Fill(JsonNode? events, JsonObject typed)
    {
        if (events is not JsonArray list) return;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is not JsonObject entry || entry["script"] is not JsonObject script || !IsMarker(script["exec"])) continue;
            var listen = entry["listen"]?.GetValueKind() == JsonValueKind.String ? entry["listen"]!.GetValue<string>() : null;
            var text = listen switch
            {
                PreRequest => LooseText(typed["preRequestScript"]),
                Test => LooseText(typed["testScript"]),
                _ => null,
            };
            if (text is not null) script["exec"] = IsTextMarker(script["exec"]) ? JsonValue.Create(text) : Lines(text);
            else list.RemoveAt(i);
        }
    }

    private static string? Exec(JsonObject script, string path)
    {
        var exec = script["exec"];
        if (exec is null) return null;
        if (exec.GetValueKind() == JsonValueKind.String) return exec.GetValue<string>();
        if (exec is not JsonArray lines) throw Wrong(path, "exec", "an array of strings or a string", exec);
        var parts = new string[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            parts[i] = lines[i]?.GetValueKind() == JsonValueKind.String
                ? lines[i]!.GetValue<string>()
                : throw new PostmanFormatException($"{ObjectMapper.Path(path, "exec")}[{i}]", $"A script line must be a string, not {Describe(lines[i])}.");
        }
        return string.Join('\n', parts);
    }

    private static void Add(JsonArray list, string listen, JsonNode? script)
    {
        if (LooseText(script) is not { } text) return;
        list.Add(new JsonObject
        {
            ["listen"] = listen,
            ["script"] = new JsonObject { ["exec"] = Lines(text), ["type"] = "text/javascript" },
        });
    }

    private static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        foreach (var line in text.Split('\n')) array.Add(line);
        return array;
    }
}
