namespace SyncHub.Protocol;

/// <summary>Names of the hub methods a device invokes and of the methods the hub calls on a device.</summary>
public static class HubMethods
{
    /// <summary>Device to hub: joins workspaces' live groups. Argument <see cref="SubscribeRequest"/>, returns <see cref="SubscribeResult"/>.</summary>
    public const string Subscribe = "Subscribe";

    /// <summary>Device to hub: applies mutations in order. Argument <see cref="Mutation"/>[], returns <see cref="MutationResult"/>[] in the same order.</summary>
    public const string Mutate = "Mutate";

    /// <summary>Device to hub: one page of changes after a cursor. Arguments workspaceId, afterSeq, limit; returns <see cref="ChangePage"/>.</summary>
    public const string GetChanges = "GetChanges";

    /// <summary>Device to hub, server-to-client stream: every change after a cursor, as <see cref="ChangePage"/>s, up to the head at the time of the call.</summary>
    public const string StreamChanges = "StreamChanges";

    /// <summary>Device to hub, server-to-client stream: every live entity of a workspace as <see cref="EntityPage"/>s, all from one
    /// consistent read at one <see cref="EntityPage.HeadSeq"/>. Argument workspaceId.</summary>
    public const string StreamSnapshot = "StreamSnapshot";

    /// <summary>Device to hub: the account's signed-in devices, <see cref="Http.DeviceInfo"/>[].</summary>
    public const string GetDevices = "GetDevices";

    /// <summary>Device to hub: answers <see cref="SignOutRequested"/> once the outbox is sent.</summary>
    public const string AcknowledgeSignOut = "AcknowledgeSignOut";

    /// <summary>Hub to device: the device is being signed out from elsewhere. Argument <see cref="SignOutRequest"/>.</summary>
    public const string SignOutRequested = "SignOutRequested";

    /// <summary>Hub to device: the account's devices and who is online. Argument <see cref="PresenceUpdate"/>.</summary>
    public const string Presence = "Presence";

    /// <summary>Device to hub: the workspaces the account belongs to, <see cref="Http.WorkspaceInfo"/>[], its personal one first.</summary>
    public const string GetWorkspaces = "GetWorkspaces";

    /// <summary>Hub to device: the account's workspaces changed (created, joined, left, removed). Argument <see cref="WorkspacesUpdate"/>.</summary>
    public const string Workspaces = "Workspaces";

    /// <summary>Hub to device: committed changes of a workspace the device subscribed to. Argument <see cref="ChangesPush"/>.</summary>
    public const string Changes = "Changes";
}
