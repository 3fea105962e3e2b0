using MessagePack;

namespace SyncHub.Protocol;

/// <summary>Answer of <see cref="HubMethods.Subscribe"/>: the device is in each workspace's live group from now on.</summary>
[MessagePackObject]
public sealed class SubscribeResult
{
    /// <summary>The device's id, from its token.</summary>
    [Key("deviceId")] public string DeviceId { get; set; } = string.Empty;

    /// <summary>Each subscribed workspace with its newest seq.</summary>
    [Key("workspaces")] public WorkspaceHead[] Workspaces { get; set; } = [];

    /// <summary>The limits the hub enforces.</summary>
    [Key("limits")] public HubLimits Limits { get; set; } = new();
}
