using MessagePack;

namespace SyncHub.Protocol;

/// <summary>An entity as the hub holds it.</summary>
[MessagePackObject]
public sealed class EntityState
{
    /// <summary>The entity's id.</summary>
    [Key("entityId")] public string EntityId { get; set; } = string.Empty;

    /// <summary>One of <see cref="EntityKinds"/>.</summary>
    [Key("kind")] public string Kind { get; set; } = string.Empty;

    /// <summary>The parent's id, or null.</summary>
    [Key("parentId")] public string? ParentId { get; set; }

    /// <summary>The JSON body as text; null when deleted.</summary>
    [Key("body")] public string? Body { get; set; }

    /// <summary>The version: 1 after the create, +1 for each update or delete.</summary>
    [Key("version")] public long Version { get; set; }

    /// <summary>Whether the entity is deleted (a tombstone).</summary>
    [Key("deleted")] public bool Deleted { get; set; }
}
