namespace SyncHub.Server.Hubs;

/// <summary>Names of the SignalR groups the hub uses.</summary>
public static class SyncHubGroups
{
    /// <summary>The group of every connection subscribed to a workspace.</summary>
    public static string Workspace(string workspaceId) => "ws:" + workspaceId;

    /// <summary>The group of every connection of an account's devices (presence).</summary>
    public static string Account(string accountId) => "acct:" + accountId;
}
