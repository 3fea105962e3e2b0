using MessagePack;

namespace SyncHub.Protocol;

/// <summary>One committed change of a workspace, at its sequence number.</summary>
[MessagePackObject]
public sealed class Change
{
    /// <summary>Per-workspace sequence number: 1, 2, 3, ... with no gaps.</summary>
    [Key("seq")] public long Seq { get; set; }

    /// <summary>One of <see cref="MutationOps"/>.</summary>
    [Key("op")] public string Op { get; set; } = string.Empty;

    /// <summary>One of <see cref="EntityKinds"/>.</summary>
    [Key("kind")] public string Kind { get; set; } = string.Empty;

    /// <summary>The entity changed.</summary>
    [Key("entityId")] public string EntityId { get; set; } = string.Empty;

    /// <summary>The entity's parent after the change.</summary>
    [Key("parentId")] public string? ParentId { get; set; }

    /// <summary>The entity's body after the change (null for a delete).</summary>
    [Key("body")] public string? Body { get; set; }

    /// <summary>The entity's version after the change.</summary>
    [Key("version")] public long Version { get; set; }

    /// <summary>The mutation that made the change.</summary>
    [Key("mutationId")] public string MutationId { get; set; } = string.Empty;

    /// <summary>The device that made the change.</summary>
    [Key("deviceId")] public string DeviceId { get; set; } = string.Empty;

    /// <summary>When the hub committed it, Unix milliseconds.</summary>
    [Key("timestamp")] public long Timestamp { get; set; }

    /// <summary>
    /// For a delete: the descendants deleted along with the entity (a collection's folders, requests, responses and runs;
    /// an environment's variables), all at this change's seq. A device applies the delete and these as one step.
    /// </summary>
    [Key("cascade")] public CascadedDelete[]? Cascade { get; set; }
}
