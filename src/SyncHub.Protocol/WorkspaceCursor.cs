using MessagePack;

namespace SyncHub.Protocol;

/// <summary>A workspace a device holds and the last seq it has applied.</summary>
[MessagePackObject]
public sealed class WorkspaceCursor
{
    /// <summary>The workspace.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>The last seq the device applied; 0 when it holds nothing yet.</summary>
    [Key("cursor")] public long Cursor { get; set; }
}
