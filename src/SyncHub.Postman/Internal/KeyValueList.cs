using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Headers, query parameters, path variables, urlencoded fields and form-data parts: Postman's <c>{key, value, disabled,
/// description, ...}</c> entries (v1 and dumps say <c>enabled</c> instead of <c>disabled</c>). Members the typed entry
/// does not define stay on it as they came.
/// </summary>
internal static class KeyValueList
{
    public static JsonArray? Read(JsonNode? node, string path, bool allowString, bool formData)
    {
        if (node is null) return null;
        if (node.GetValueKind() == JsonValueKind.String && allowString) return ParseHeaderText(node.GetValue<string>());
        if (node is not JsonArray list) throw new PostmanFormatException(path, $"Must be an array{(allowString ? " or a string" : "")}, not {Describe(node)}.");
        var result = new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            var item = ItemObject(list[i], path, i);
            var ip = $"{path}[{i}]";
            var entry = new JsonObject { ["key"] = LooseText(item["key"]) ?? string.Empty };
            if (formData)
            {
                var type = LooseText(item["type"]);
                if (type is "text" or "file") entry["type"] = type;
                Set(entry, "value", LooseText(item["value"]));
                Set(entry, "src", item["src"] is JsonArray files ? files.Select(LooseText).FirstOrDefault(s => s is not null) : LooseText(item["src"]));
                Set(entry, "contentType", LooseText(item["contentType"]));
            }
            else
            {
                Set(entry, "value", LooseText(item["value"]));
            }
            var disabled = Flag(item, ip, "disabled");
            if (disabled is null && item.ContainsKey("enabled") && Flag(item, ip, "enabled") == false) disabled = true;
            Set(entry, "disabled", disabled);
            Set(entry, "description", Description(item, ip, "description"));
            foreach (var (name, value) in item)
            {
                // 'enabled' (v1's flag) stays on the entry, so the writer knows to write it again, kept in step with 'disabled'.
                if (name is "key" or "value" or "disabled" or "description") continue;
                if (formData && name is "type" or "src" or "contentType") continue;
                entry[name] = value?.DeepClone();
            }
            result.Add(entry);
        }
        return result;
    }

    /// <summary>Writes typed entries: v1 formats say <c>enabled</c> (written where the entry had it, or to disable it), v2 <c>disabled</c>; other members as they are.</summary>
    public static JsonArray? Write(JsonArray? typed, string format)
    {
        if (typed is null) return null;
        var v1 = format is PostmanResidual.V1 or PostmanResidual.Dump;
        var result = new JsonArray();
        foreach (var node in typed)
        {
            if (node is not JsonObject entry)
            {
                result.Add(node?.DeepClone());
                continue;
            }
            var output = new JsonObject();
            var disabled = entry["disabled"]?.GetValueKind() == JsonValueKind.True;
            foreach (var (name, value) in entry)
            {
                if (name == "disabled" && v1) continue;
                output[name] = name == "enabled" ? !disabled : value?.DeepClone();
            }
            if (v1 && disabled && !entry.ContainsKey("enabled")) output["enabled"] = false;
            result.Add(output);
        }
        return result;
    }

    /// <summary>Postman's header text, one <c>Key: value</c> a line; a line starting with <c>//</c> is a disabled header.</summary>
    public static JsonArray ParseHeaderText(string text)
    {
        var result = new JsonArray();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var disabled = line.StartsWith("//", StringComparison.Ordinal);
            if (disabled) line = line[2..];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var entry = new JsonObject
            {
                ["key"] = (colon < 0 ? line : line[..colon]).Trim(),
                ["value"] = colon < 0 ? string.Empty : line[(colon + 1)..].Trim(),
            };
            if (disabled) entry["disabled"] = true;
            result.Add(entry);
        }
        return result;
    }

    public static string HeaderText(JsonArray? typed)
    {
        var text = new StringBuilder();
        foreach (var node in typed ?? [])
        {
            if (node is not JsonObject entry) continue;
            if (entry["disabled"]?.GetValueKind() == JsonValueKind.True) text.Append("//");
            text.Append(LooseText(entry["key"])).Append(": ").Append(LooseText(entry["value"])).Append('\n');
        }
        return text.ToString();
    }
}
