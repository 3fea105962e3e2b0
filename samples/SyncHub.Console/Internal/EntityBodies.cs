using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>The JSON bodies the console writes and the fields it reads back for display.</summary>
internal static class EntityBodies
{
    public static string Create(string kind, string name, string? method, string? url)
    {
        var body = new JsonObject { ["name"] = name };
        if (kind == EntityKinds.Request)
        {
            body["method"] = string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant();
            body["url"] = url ?? string.Empty;
        }
        return body.ToJsonString();
    }

    public static string Response(string name, int? code)
    {
        var body = new JsonObject { ["name"] = name };
        if (code is { } c) body["code"] = c;
        return body.ToJsonString();
    }

    public static string Environment(string name) => new JsonObject { ["name"] = name }.ToJsonString();

    public static string Variable(string key, string value, bool secret) => new JsonObject
    {
        ["key"] = key,
        ["value"] = value,
        ["type"] = secret ? VariableTypes.Secret : VariableTypes.Default,
    }.ToJsonString();

    /// <summary>A header preset; each header is written 'Key: Value' (the value may be empty).</summary>
    public static string Preset(string name, IReadOnlyList<string> headers)
    {
        var list = new JsonArray();
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var key = (colon < 0 ? header : header[..colon]).Trim();
            if (key.Length == 0)
                throw new UsageException($"--header '{header}' has no name: write it as 'Name: value', for example 'Accept: application/json'.");
            list.Add(new JsonObject { ["key"] = key, ["value"] = colon < 0 ? string.Empty : header[(colon + 1)..].Trim() });
        }
        return new JsonObject { ["name"] = name, ["headers"] = list }.ToJsonString();
    }

    /// <summary>Sets the name and keeps every other field, including ones this client does not know.</summary>
    public static string Rename(string body, string name)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            obj = [];
        }
        // Variables are named by their key.
        obj[obj.ContainsKey("key") && !obj.ContainsKey("name") ? "key" : "name"] = name;
        return obj.ToJsonString();
    }

    public static string? Field(string? body, string field)
    {
        if (string.IsNullOrEmpty(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty(field, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
