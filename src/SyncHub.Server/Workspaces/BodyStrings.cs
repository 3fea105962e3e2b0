using System.Text.Json;

namespace SyncHub.Server.Workspaces;

/// <summary>Reads one top-level string field of a stored body (a name, a key, a rank) without binding the body to its type.</summary>
internal static class BodyStrings
{
    /// <summary>The field's value, or null when the body is not a JSON object or the field is missing or not a string.</summary>
    public static string? Read(string body, string field)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
