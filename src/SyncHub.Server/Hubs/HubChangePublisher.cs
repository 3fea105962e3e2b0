using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;

namespace SyncHub.Server.Hubs;

/// <summary>Publishes changes through the SignalR groups of workspaces (and whatever backplane SignalR is configured with).</summary>
public sealed class HubChangePublisher(IHubContext<SyncHubEndpoint> hubContext) : IChangePublisher
{
    /// <inheritdoc />
    public Task PublishAsync(ChangesPush push, string? originConnectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        var group = SyncHubGroups.Workspace(push.WorkspaceId);
        var clients = originConnectionId is null
            ? hubContext.Clients.Group(group)
            : hubContext.Clients.GroupExcept(group, originConnectionId);
        return clients.SendAsync(HubMethods.Changes, push, cancellationToken);
    }
}
