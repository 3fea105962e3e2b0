using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol.Entities;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Postman auth: <c>{type, [type]: [{key, value, type}]}</c> in v2.1 and v1, a map <c>{type, [type]: {key: value}}</c> in
/// v2.0; typed it is always <c>{type, attributes: [...]}</c>. Members for other auth types stay as they came.
/// </summary>
internal static class AuthMap
{
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        AuthTypes.NoAuth, AuthTypes.ApiKey, AuthTypes.AwsV4, AuthTypes.Basic, AuthTypes.Bearer, AuthTypes.Digest,
        AuthTypes.EdgeGrid, AuthTypes.Hawk, AuthTypes.Ntlm, AuthTypes.OAuth1, AuthTypes.OAuth2, "akamai", "jwt", "asap",
    };

    public static JsonObject? Read(JsonNode? node, string path)
    {
        if (node is null) return null;
        if (node is not JsonObject auth) throw new PostmanFormatException(path, $"Auth must be an object, not {Describe(node)}.");
        var type = Text(auth, path, "type");
        if (string.IsNullOrWhiteSpace(type)) throw new PostmanFormatException(ObjectMapper.Path(path, "type"), "Auth needs a non-empty 'type'.");
        var typed = new JsonObject { ["type"] = type };
        var attributes = Attributes(auth[type], ObjectMapper.Path(path, type));
        Set(typed, "attributes", attributes);
        foreach (var (name, value) in auth)
        {
            if (name != "type" && name != type) typed[name] = value?.DeepClone();
        }
        return typed;
    }

    public static JsonObject? Write(JsonObject? typed, string format)
    {
        if (typed is null) return null;
        var map = format == PostmanResidual.V20;
        var type = LooseText(typed["type"]) ?? string.Empty;
        var output = new JsonObject { ["type"] = type };
        if (typed["attributes"] is JsonArray attributes) output[type] = Convert(attributes, map);
        foreach (var (name, value) in typed)
        {
            if (name is "type" or "attributes") continue;
            output[name] = KnownTypes.Contains(name) && value is JsonArray or JsonObject ? Convert(value!, map) : value?.DeepClone();
        }
        return output;
    }

    private static JsonArray? Attributes(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray list:
                var result = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    var item = ItemObject(list[i], path, i);
                    var key = LooseText(item["key"]) ?? throw new PostmanFormatException($"{path}[{i}].key", "An auth attribute needs a 'key'.");
                    var entry = new JsonObject { ["key"] = key };
                    foreach (var (name, value) in item)
                    {
                        if (name != "key") entry[name] = value?.DeepClone();
                    }
                    if (entry["type"] is { } t && t.GetValueKind() != JsonValueKind.String) throw Wrong($"{path}[{i}]", "type", "a string", t);
                    result.Add(entry);
                }
                return result;
            case JsonObject map:
                var fromMap = new JsonArray();
                foreach (var (name, value) in map) fromMap.Add(new JsonObject { ["key"] = name, ["value"] = value?.DeepClone() });
                return fromMap;
            default:
                throw new PostmanFormatException(path, $"Auth attributes must be an array or an object, not {Describe(node)}.");
        }
    }

    private static JsonNode Convert(JsonNode attributes, bool toMap)
    {
        if (toMap)
        {
            if (attributes is JsonObject already) return already.DeepClone();
            var map = new JsonObject();
            foreach (var node in attributes.AsArray())
            {
                if (node is JsonObject entry && LooseText(entry["key"]) is { } key) map[key] = entry["value"]?.DeepClone();
            }
            return map;
        }
        if (attributes is JsonArray list) return list.DeepClone();
        var array = new JsonArray();
        foreach (var (name, value) in attributes.AsObject())
        {
            var entry = new JsonObject { ["key"] = name, ["value"] = value?.DeepClone() };
            if (value?.GetValueKind() is JsonValueKind.String) entry["type"] = "string";
            else if (value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False) entry["type"] = "boolean";
            array.Add(entry);
        }
        return array;
    }
}
