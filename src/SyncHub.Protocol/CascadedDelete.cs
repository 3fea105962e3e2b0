using MessagePack;

namespace SyncHub.Protocol;

/// <summary>A descendant deleted by the delete of an ancestor, in <see cref="Change.Cascade"/>.</summary>
[MessagePackObject]
public sealed class CascadedDelete
{
    /// <summary>The descendant's id.</summary>
    [Key("entityId")] public string EntityId { get; set; } = string.Empty;

    /// <summary>Its kind.</summary>
    [Key("kind")] public string Kind { get; set; } = string.Empty;

    /// <summary>Its parent (unchanged by the delete).</summary>
    [Key("parentId")] public string? ParentId { get; set; }

    /// <summary>Its version after the delete (its tombstone's version): what an update that restores it is based on.</summary>
    [Key("version")] public long Version { get; set; }
}
