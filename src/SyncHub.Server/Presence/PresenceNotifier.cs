using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Hubs;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Presence;

/// <summary>Lists an account's signed-in devices with who is online, and pushes that list to every connection of the account.</summary>
internal sealed class PresenceNotifier(
    IDeviceStore devices,
    IPresenceTracker presence,
    IHubContext<SyncHubEndpoint> hubContext,
    TimeProvider timeProvider,
    ILogger<PresenceNotifier> logger)
{
    /// <summary>The account's active devices; <paramref name="currentDeviceId"/> is marked <c>current</c>.</summary>
    public async Task<DeviceInfo[]> GetDevicesAsync(string accountId, string? currentDeviceId, CancellationToken cancellationToken)
    {
        var active = await devices.GetActiveDevicesAsync(accountId, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await DescribeAsync(accountId, active, currentDeviceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Describes <paramref name="active"/> devices of the account, with who is online now.</summary>
    public async Task<DeviceInfo[]> DescribeAsync(string accountId, IReadOnlyList<DeviceRecord> active, string? currentDeviceId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var online = await presence.GetOnlineDevicesAsync(accountId, cancellationToken).ConfigureAwait(false);
        return [.. active.Select(d => ToInfo(d, online.Contains(d.DeviceId), string.Equals(d.DeviceId, currentDeviceId, StringComparison.Ordinal), now))];
    }

    /// <summary>Sends <see cref="HubMethods.Presence"/> to the account's group. Best effort: a failure is logged, never thrown.</summary>
    public async Task NotifyAsync(string accountId)
    {
        try
        {
            var list = await GetDevicesAsync(accountId, null, CancellationToken.None).ConfigureAwait(false);
            await hubContext.Clients.Group(SyncHubGroups.Account(accountId))
                .SendAsync(HubMethods.Presence, new PresenceUpdate { Devices = list }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Presence is a convenience: its failure must not fail a sign-in or a disconnect.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PresenceFailed(logger, ex, accountId);
        }
    }

    // An online device is heard from now; the stored last-seen time is only written now and then.
    private static DeviceInfo ToInfo(DeviceRecord device, bool online, bool current, DateTimeOffset now) => new()
    {
        DeviceId = device.DeviceId,
        Name = device.Name,
        SignedInAt = device.CreatedAt.ToUnixTimeMilliseconds(),
        LastSeenAt = (online && now > device.LastSeenAt ? now : device.LastSeenAt).ToUnixTimeMilliseconds(),
        Online = online,
        Current = current,
    };
}
