using MessagePack;
using SyncHub.Protocol.Http;

namespace SyncHub.Protocol;

/// <summary>
/// What the hub pushes (<see cref="HubMethods.Workspaces"/>) to every connection of an account whenever the workspaces it
/// belongs to change: one was created, it was added to one, or removed from one. The full list, not a difference.
/// A device subscribes to the new ones and drops from its local store those that are gone.
/// </summary>
[MessagePackObject]
public sealed class WorkspacesUpdate
{
    /// <summary>Every workspace the account belongs to now, its personal one first.</summary>
    [Key("workspaces")] public WorkspaceInfo[] Workspaces { get; set; } = [];
}
