using MessagePack;

namespace SyncHub.Protocol;

/// <summary>The hub's answer to one <see cref="Mutation"/>.</summary>
[MessagePackObject]
public sealed class MutationResult
{
    /// <summary>The mutation this answers.</summary>
    [Key("mutationId")] public string MutationId { get; set; } = string.Empty;

    /// <summary>One of <see cref="MutationStatuses"/>.</summary>
    [Key("status")] public string Status { get; set; } = string.Empty;

    /// <summary>The workspace sequence number the change was stored at (applied only).</summary>
    [Key("seq")] public long Seq { get; set; }

    /// <summary>The entity's new version (applied only).</summary>
    [Key("version")] public long Version { get; set; }

    /// <summary>An <see cref="ErrorCodes"/> value for conflict and rejected; null when applied.</summary>
    [Key("code")] public string? Code { get; set; }

    /// <summary>A sentence for a person: what happened and what to do.</summary>
    [Key("message")] public string? Message { get; set; }

    /// <summary>For a conflict: the hub's current version of the entity.</summary>
    [Key("current")] public EntityState? Current { get; set; }

    /// <summary>
    /// Applied only: the edit was made on an older version and the hub merged it with what came since, field by field.
    /// <see cref="Body"/> and <see cref="ParentId"/> then hold what was stored, which differs from what the device sent.
    /// </summary>
    [Key("merged")] public bool Merged { get; set; }

    /// <summary>For a merged result: the body stored at <see cref="Version"/>.</summary>
    [Key("body")] public string? Body { get; set; }

    /// <summary>For a merged result: the parent stored at <see cref="Version"/>.</summary>
    [Key("parentId")] public string? ParentId { get; set; }

    /// <summary>For a conflict found by a merge: the top-level fields both sides changed differently (<c>parentId</c> for the parent).</summary>
    [Key("conflictingFields")] public string[]? ConflictingFields { get; set; }

    /// <summary>An applied result.</summary>
    public static MutationResult Applied(string mutationId, long seq, long version) =>
        new() { MutationId = mutationId, Status = MutationStatuses.Applied, Seq = seq, Version = version };

    /// <summary>An applied result of an edit the hub merged with newer changes; it stored <paramref name="parentId"/> and <paramref name="body"/>.</summary>
    public static MutationResult MergedInto(string mutationId, long seq, long version, string? parentId, string body) =>
        new() { MutationId = mutationId, Status = MutationStatuses.Applied, Seq = seq, Version = version, Merged = true, ParentId = parentId, Body = body };

    /// <summary>A rejected result with a code and message.</summary>
    public static MutationResult Rejected(string mutationId, string code, string message) =>
        new() { MutationId = mutationId, Status = MutationStatuses.Rejected, Code = code, Message = message };

    /// <summary>A conflict carrying the hub's version.</summary>
    public static MutationResult ConflictWith(string mutationId, EntityState current, string message) =>
        new() { MutationId = mutationId, Status = MutationStatuses.Conflict, Code = ErrorCodes.Conflict, Message = message, Current = current };
}
