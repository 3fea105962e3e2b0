using System.Text.Json;
using SyncHub.Protocol.Internal;

namespace SyncHub.Protocol;

/// <summary>
/// Checks an entity body against its kind. Shared by hub and client so that a device can refuse
/// a bad edit locally with the same code and message the hub would give.
/// </summary>
public static partial class EntityValidator
{
    /// <summary>Validates <paramref name="body"/> for <paramref name="kind"/>; returns null when valid, else the error.</summary>
    /// <remarks>Only the fields a kind defines are checked; any other field is kept as it came.</remarks>
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
            var rules = new BodyRules(kind);
            var error = rules.Rank(root, "$", "rank") ?? CheckKind(kind, rules, root);
            return error is null ? null : new HubError(ErrorCodes.InvalidEntity, error);
        }
    }

    // Built once: the hub checks parents on every create and move, and the client asks for children on every delete.
    private static readonly string[] InContainer = [EntityKinds.Collection, EntityKinds.Folder];
    private static readonly string[] InRequest = [EntityKinds.Request];
    private static readonly string[] InEnvironment = [EntityKinds.Environment];
    private static readonly string[] InCollection = [EntityKinds.Collection];
    private static readonly Dictionary<string, string[]> Children = EntityKinds.All.ToDictionary(
        kind => kind, kind => EntityKinds.All.Where(child => AllowedParents(child).Contains(kind)).ToArray(), StringComparer.Ordinal);

    /// <summary>Which kinds may be the parent of <paramref name="kind"/>; empty means it must be a root.</summary>
    public static IReadOnlyList<string> AllowedParents(string kind) => kind switch
    {
        EntityKinds.Folder or EntityKinds.Request => InContainer,
        EntityKinds.Response => InRequest,
        EntityKinds.EnvironmentVariable => InEnvironment,
        EntityKinds.CollectionRun => InCollection,
        _ => [],
    };

    /// <summary>Which kinds <paramref name="kind"/> may hold as children: what a delete of it must delete along with it.</summary>
    public static IReadOnlyList<string> AllowedChildren(string kind) => Children.TryGetValue(kind, out var children) ? children : [];

    private static string Truncate(string? s) => s is null ? "(null)" : s.Length <= 40 ? s : s[..40] + "…";
}
