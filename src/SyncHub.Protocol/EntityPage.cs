using MessagePack;

namespace SyncHub.Protocol;

/// <summary>One page of a workspace snapshot (<see cref="HubMethods.StreamSnapshot"/>): live entities as of <see cref="HeadSeq"/>.</summary>
[MessagePackObject]
public sealed class EntityPage
{
    /// <summary>The workspace.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>Live entities (never tombstones), parents before children is not guaranteed.</summary>
    [Key("entities")] public EntityState[] Entities { get; set; } = [];

    /// <summary>The seq the whole snapshot reflects: the same on every page of one stream.</summary>
    [Key("headSeq")] public long HeadSeq { get; set; }

    /// <summary>True on the last page.</summary>
    [Key("isLast")] public bool IsLast { get; set; }
}
