using MessagePack;

namespace SyncHub.Protocol;

/// <summary>One page of changes after a cursor.</summary>
[MessagePackObject]
public sealed class ChangePage
{
    /// <summary>The workspace.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>Changes with seq greater than the cursor asked for, in seq order, without gaps.</summary>
    [Key("changes")] public Change[] Changes { get; set; } = [];

    /// <summary>The workspace's newest seq when the page was read.</summary>
    [Key("headSeq")] public long HeadSeq { get; set; }

    /// <summary>Whether changes after this page exist.</summary>
    [Key("hasMore")] public bool HasMore { get; set; }
}
