using MessagePack;

namespace SyncHub.Protocol;

/// <summary>One create, update or delete of one entity, made by a device.</summary>
[MessagePackObject]
public sealed class Mutation
{
    /// <summary>Client-made unique id (a GUID string). Resending the same id returns the first result and changes nothing.</summary>
    [Key("mutationId")] public string MutationId { get; set; } = string.Empty;

    /// <summary>The workspace the entity lives in.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>One of <see cref="MutationOps"/>.</summary>
    [Key("op")] public string Op { get; set; } = string.Empty;

    /// <summary>One of <see cref="EntityKinds"/>.</summary>
    [Key("kind")] public string Kind { get; set; } = string.Empty;

    /// <summary>Client-made id of the entity, unique within the workspace (1 to 128 characters of <c>[A-Za-z0-9_.-]</c>).</summary>
    [Key("entityId")] public string EntityId { get; set; } = string.Empty;

    /// <summary>Id of the parent entity (folder or collection), or null for a root.</summary>
    [Key("parentId")] public string? ParentId { get; set; }

    /// <summary>The entity's JSON object, as text. Null for a delete.</summary>
    [Key("body")] public string? Body { get; set; }

    /// <summary>The version the device edited: 0 for a create.</summary>
    [Key("baseVersion")] public long BaseVersion { get; set; }

    /// <summary>
    /// For an update: the parent the entity had at <see cref="BaseVersion"/> as the device saw it. With <see cref="BaseBody"/>
    /// it lets the hub merge an edit made on an older version three-way (<see cref="EntityMerge"/>) instead of answering
    /// <c>conflict</c>; the hub keeps no old versions. Ignored for a create or delete.
    /// </summary>
    [Key("baseParentId")] public string? BaseParentId { get; set; }

    /// <summary>For an update: the body the entity had at <see cref="BaseVersion"/>. Null: a stale update is a conflict, never merged.</summary>
    [Key("baseBody")] public string? BaseBody { get; set; }
}
