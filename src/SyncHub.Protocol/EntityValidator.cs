using System.Text.Json;

namespace SyncHub.Protocol;

/// <summary>
/// Checks an entity body against its kind. Shared by hub and client so that a device can refuse
/// a bad edit locally with the same code and message the hub would give.
/// </summary>
public static class EntityValidator
{
    /// <summary>Validates <paramref name="body"/> for <paramref name="kind"/>; returns null when valid, else the error.</summary>
    public static HubError? Validate(string kind, string? body)
    {
        if (!EntityKinds.IsKnown(kind))
            return new HubError(ErrorCodes.UnknownKind, $"Unknown entity kind '{Truncate(kind)}'. Known kinds: {string.Join(", ", EntityKinds.All)}.");
        if (body is null)
            return new HubError(ErrorCodes.MalformedBody, "The body is missing: a create or update needs the entity as a JSON object.");

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return new HubError(ErrorCodes.MalformedBody, $"The body is not valid JSON ({ex.Message}).");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new HubError(ErrorCodes.MalformedBody, $"The body must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}.");
            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
                return new HubError(ErrorCodes.InvalidEntity, $"A {kind} needs a non-empty string field 'name'.");
            if (kind == EntityKinds.Request)
            {
                foreach (var field in new[] { "method", "url" })
                {
                    if (root.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        return new HubError(ErrorCodes.InvalidEntity, $"The field '{field}' of a request must be a string.");
                }
            }
        }
        return null;
    }

    /// <summary>Which kinds may be the parent of <paramref name="kind"/>; empty means it must be a root.</summary>
    public static IReadOnlyList<string> AllowedParents(string kind) => kind switch
    {
        EntityKinds.Folder or EntityKinds.Request => [EntityKinds.Collection, EntityKinds.Folder],
        _ => [],
    };

    private static string Truncate(string? s) => s is null ? "(null)" : s.Length <= 40 ? s : s[..40] + "…";
}
