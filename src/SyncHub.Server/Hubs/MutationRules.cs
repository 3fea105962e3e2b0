using System.Text;
using System.Text.Json;
using SyncHub.Protocol;

namespace SyncHub.Server.Hubs;

/// <summary>The checks of a mutation that need no store: ids, op, kind, body size and shape, base version.</summary>
internal static class MutationRules
{
    /// <summary>Ids and op: a malformed request.</summary>
    public static HubError? CheckRequest(Mutation m)
    {
        if (!EntityIds.IsValid(m.MutationId))
            return new HubError(ErrorCodes.InvalidRequest, "The mutationId must be 1 to 128 characters of letters, digits, '-', '_' or '.'.");
        if (!EntityIds.IsValid(m.WorkspaceId))
            return new HubError(ErrorCodes.InvalidRequest, "The workspaceId is missing or malformed.");
        if (!EntityIds.IsValid(m.EntityId))
            return new HubError(ErrorCodes.InvalidRequest, "The entityId must be 1 to 128 characters of letters, digits, '-', '_' or '.'.");
        if (m.ParentId is not null && !EntityIds.IsValid(m.ParentId))
            return new HubError(ErrorCodes.InvalidRequest, "The parentId is malformed: null or 1 to 128 characters of letters, digits, '-', '_' or '.'.");
        if (!MutationOps.IsKnown(m.Op))
            return new HubError(ErrorCodes.InvalidRequest, $"Unknown op '{Shorten(m.Op)}': use create, update or delete.");
        return null;
    }

    /// <summary>Kind, body and base version, checked once the workspace is known to be the caller's.</summary>
    public static HubError? CheckContent(Mutation m, int maxBodyBytes)
    {
        if (!EntityKinds.IsKnown(m.Kind))
            return new HubError(ErrorCodes.UnknownKind, $"Unknown entity kind '{Shorten(m.Kind)}'. Known kinds: {string.Join(", ", EntityKinds.All)}.");
        if (m.Body is not null && IsOver(m.Body, maxBodyBytes, out var size))
            return new HubError(ErrorCodes.PayloadTooLarge, $"The body is {size} bytes; the limit is {maxBodyBytes} bytes. Split the entity or shorten it.");
        if (m.Op != MutationOps.Delete && EntityValidator.Validate(m.Kind, m.Body) is { } invalid)
            return invalid;
        if (m.Op == MutationOps.Create && m.BaseVersion != 0)
            return new HubError(ErrorCodes.InvalidRequest, $"A create must have baseVersion 0 (was {m.BaseVersion}).");
        if (m.Op != MutationOps.Create && m.BaseVersion < 1)
            return new HubError(ErrorCodes.InvalidRequest, $"An {m.Op} must carry the version it was made on (1 or more; was {m.BaseVersion}).");
        return m.Op == MutationOps.Update ? CheckBase(m, maxBodyBytes) : null;
    }

    // The base only steers a merge, but it is parsed there: refuse what cannot be parsed, as for a body.
    private static HubError? CheckBase(Mutation m, int maxBodyBytes)
    {
        if (m.BaseParentId is not null && !EntityIds.IsValid(m.BaseParentId))
            return new HubError(ErrorCodes.InvalidRequest, "The baseParentId is malformed: null or 1 to 128 characters of letters, digits, '-', '_' or '.'.");
        if (m.BaseBody is null) return null;
        if (IsOver(m.BaseBody, maxBodyBytes, out var size))
            return new HubError(ErrorCodes.PayloadTooLarge, $"The baseBody is {size} bytes; the limit is {maxBodyBytes} bytes, as for a body.");
        if (!IsJsonObject(m.BaseBody))
            return new HubError(ErrorCodes.InvalidRequest, "The baseBody must be the entity's body at baseVersion: a JSON object as text, or null to send no base.");
        return null;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsOver(string body, int maxBytes, out long size)
    {
        size = body.Length;
        // Every char is 1 to 3 UTF-8 bytes: only a body between the two bounds needs counting.
        if (body.Length > maxBytes) return true;
        if ((long)body.Length * 3 <= maxBytes) return false;
        size = Encoding.UTF8.GetByteCount(body);
        return size > maxBytes;
    }

    private static string Shorten(string? s) => s is null ? "(null)" : s.Length <= 40 ? s : s[..40] + "…";
}
