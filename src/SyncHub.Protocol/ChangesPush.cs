using MessagePack;

namespace SyncHub.Protocol;

/// <summary>What the hub pushes live (<see cref="HubMethods.Changes"/>): changes of one workspace in seq order. Best-effort: a device that sees a gap pulls.</summary>
[MessagePackObject]
public sealed class ChangesPush
{
    /// <summary>The workspace.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>Consecutive changes in seq order.</summary>
    [Key("changes")] public Change[] Changes { get; set; } = [];
}
