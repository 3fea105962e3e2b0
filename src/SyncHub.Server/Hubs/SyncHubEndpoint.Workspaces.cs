using SyncHub.Protocol.Http;

namespace SyncHub.Server.Hubs;

/// <summary>The account's workspaces.</summary>
public sealed partial class SyncHubEndpoint
{
    /// <summary>Every workspace the account belongs to, its personal one first (as <c>GET /api/workspaces</c>).</summary>
    public Task<WorkspaceInfo[]> GetWorkspaces() =>
        services.Workspaces.GetWorkspacesAsync(AccountId, Context.ConnectionAborted);
}
