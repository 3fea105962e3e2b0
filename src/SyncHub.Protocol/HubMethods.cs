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

    /// <summary>Hub to device: committed changes of a workspace the device subscribed to. Argument <see cref="ChangesPush"/>.</summary>
    public const string Changes = "Changes";
}
