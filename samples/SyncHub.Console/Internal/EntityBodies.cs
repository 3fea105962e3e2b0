using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;

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
        obj["name"] = name;
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
