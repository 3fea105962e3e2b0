using MessagePack;

namespace SyncHub.Protocol;

/// <summary>Argument of <see cref="HubMethods.Subscribe"/>.</summary>
[MessagePackObject]
public sealed class SubscribeRequest
{
    /// <summary>The workspaces to receive live changes of.</summary>
    [Key("workspaces")] public WorkspaceCursor[] Workspaces { get; set; } = [];
}
