using MessagePack;

namespace SyncHub.Protocol;

/// <summary>A subscribed workspace and its newest seq at the moment of subscribing.</summary>
[MessagePackObject]
public sealed class WorkspaceHead
{
    /// <summary>The workspace.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>Its newest seq.</summary>
    [Key("headSeq")] public long HeadSeq { get; set; }
}
