using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Devices;
using SyncHub.Server.Hubs;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Workspaces;

/// <summary>Lists an account's workspaces, pushes that list to its connections, and takes a removed member's connections out of a workspace.</summary>
internal sealed class WorkspaceNotifier(
    IAccountStore accounts,
    IDeviceEvents events,
    IHubContext<SyncHubEndpoint> hubContext,
    ILogger<WorkspaceNotifier> logger)
{
    /// <summary>The account's workspaces as the wire shows them, its personal one first.</summary>
    public async Task<WorkspaceInfo[]> GetWorkspacesAsync(string accountId, CancellationToken cancellationToken)
    {
        var memberships = await accounts.GetMembershipsAsync(accountId, cancellationToken).ConfigureAwait(false);
        return [.. memberships.Select(ToInfo)];
    }

    /// <summary>Sends <see cref="HubMethods.Workspaces"/> to every connection of the account. Best effort: a failure is logged, never thrown.</summary>
    public async Task NotifyAsync(string accountId)
    {
        try
        {
            var list = await GetWorkspacesAsync(accountId, CancellationToken.None).ConfigureAwait(false);
            await hubContext.Clients.Group(SyncHubGroups.Account(accountId))
                .SendAsync(HubMethods.Workspaces, new WorkspacesUpdate { Workspaces = list }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The change is stored; a device that misses the push sees it at its next GetWorkspaces.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WorkspacesPushFailed(logger, ex, accountId);
        }
    }

    /// <summary>
    /// The account is no longer a member: its connections on every node stop receiving the workspace's changes now.
    /// (Its later calls on the workspace are refused by the membership check, which the store no longer answers yes.)
    /// </summary>
    public Task EvictAsync(string accountId, string workspaceId) =>
        events.PublishAsync(DeviceEvent.LeftWorkspace(accountId, workspaceId));

    public static WorkspaceInfo ToInfo(MembershipRecord membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return new WorkspaceInfo
        {
            WorkspaceId = membership.Workspace.WorkspaceId,
            Name = membership.Workspace.Name,
            Personal = membership.Workspace.Personal,
            Role = membership.Role,
            OwnerAccountId = membership.Workspace.OwnerAccountId,
            CreatedAt = membership.Workspace.CreatedAt.ToUnixTimeMilliseconds(),
        };
    }
}
