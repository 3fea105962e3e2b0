using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;
using SyncHub.Server.Hubs;
using SyncHub.Server.Internal;

namespace SyncHub.Server.Devices;

/// <summary>Applies a <see cref="DeviceEvent"/> to the connections this node holds.</summary>
internal sealed class DeviceEventHandler(
    DeviceConnectionRegistry registry,
    IHubContext<SyncHubEndpoint> hubContext,
    TimeProvider timeProvider,
    ILogger<DeviceEventHandler> logger)
{
    public Task HandleAsync(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        switch (deviceEvent.Kind)
        {
            case DeviceEventKind.SignOutRequested:
                return AskAsync(Required(deviceEvent.DeviceId), deviceEvent.ToSignOutRequest(), deviceEvent.Duration);
            case DeviceEventKind.Revoked:
                registry.Revoke(Required(deviceEvent.DeviceId));
                return Task.CompletedTask;
            case DeviceEventKind.Renewed:
                registry.Renewed(Required(deviceEvent.DeviceId), DateTimeOffset.FromUnixTimeMilliseconds(deviceEvent.ExpiresAt));
                return Task.CompletedTask;
            case DeviceEventKind.LeftWorkspace:
                return EvictAsync(Required(deviceEvent.AccountId), Required(deviceEvent.WorkspaceId));
            default:
                throw new ArgumentOutOfRangeException(nameof(deviceEvent), deviceEvent.Kind, "Unknown device event.");
        }
    }

    // When the device is online here: ask it, then wait up to the grace for its acknowledgement (or its last connection here closing).
    private async Task AskAsync(string deviceId, SignOutRequest request, TimeSpan grace)
    {
        var entry = registry.Find(deviceId);
        if (entry is null) return;
        var acknowledged = entry.BeginSignOut();
        var connections = entry.ConnectionIds();
        if (connections.Length == 0) return;
        Log.SignOutRequested(logger, deviceId, connections.Length, grace);
        try
        {
            // One connection at a time: the Redis backplane writes a single local connection directly, but routes a list
            // through Redis, which under load could deliver the request after a short grace has already closed them.
            await Task.WhenAll(connections.Select(id =>
                hubContext.Clients.Client(id).SendAsync(HubMethods.SignOutRequested, request, CancellationToken.None))).ConfigureAwait(false);
            await acknowledged.WaitAsync(grace, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.SignOutNotAcknowledged(logger, deviceId, grace);
        }
    }

    private async Task EvictAsync(string accountId, string workspaceId)
    {
        var group = SyncHubGroups.Workspace(workspaceId);
        foreach (var connectionId in registry.ConnectionIdsOf(accountId))
        {
            await hubContext.Groups.RemoveFromGroupAsync(connectionId, group, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Required(string? value) =>
        value ?? throw new ArgumentException("The device event lacks a field its kind needs.", nameof(value));
}
