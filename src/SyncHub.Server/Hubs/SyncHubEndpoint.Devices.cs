using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Authentication;
using SyncHub.Server.Internal;

namespace SyncHub.Server.Hubs;

/// <summary>Connection lifetime, presence, devices, sign-out acknowledgements, snapshots and the retained change log.</summary>
public sealed partial class SyncHubEndpoint
{
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Registers the connection with its device and account, and tells the account when the device comes online.</summary>
    public override async Task OnConnectedAsync()
    {
        var accountId = AccountId;
        var deviceId = DeviceId;
        var expiresAt = long.TryParse(Context.User?.FindFirst(SyncHubClaimTypes.ExpiresAt)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var entry = services.Registry.Add(Context, accountId, deviceId, expiresAt);
        Context.Items[DeviceConnections.ItemKey] = entry;
        Log.ConnectionOpened(logger, Context.ConnectionId, deviceId, accountId);
        if (entry.IsRevoked)
        {
            Log.ConnectionOfRevokedDevice(logger, Context.ConnectionId, deviceId);
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, SyncHubGroups.Account(accountId), Context.ConnectionAborted).ConfigureAwait(false);
        if (await services.Presence.ConnectedAsync(accountId, deviceId, Context.ConnectionId, Context.ConnectionAborted).ConfigureAwait(false))
            await services.PresenceNotifier.NotifyAsync(accountId).ConfigureAwait(false);
    }

    /// <summary>Unregisters the connection; when it was the device's last, records when it was seen and tells the account.</summary>
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(DeviceConnections.ItemKey, out var item) && item is DeviceConnections entry)
        {
            var wasLast = services.Registry.Remove(entry, Context.ConnectionId);
            Log.ConnectionClosed(logger, exception, Context.ConnectionId, entry.DeviceId, wasLast);
            if (await services.Presence.DisconnectedAsync(entry.AccountId, entry.DeviceId, Context.ConnectionId, CancellationToken.None).ConfigureAwait(false))
            {
                // Authentication wrote last-seen (to the minute) when the device connected: only a longer stay needs a write,
                // so a reconnect storm does not turn into a flush per disconnect.
                var now = services.TimeProvider.GetUtcNow();
                if (!entry.IsRevoked && now - entry.ConnectedAt >= LastSeenResolution)
                    await services.Devices.TouchAsync(entry.DeviceId, now, CancellationToken.None).ConfigureAwait(false);
                await services.PresenceNotifier.NotifyAsync(entry.AccountId).ConfigureAwait(false);
            }
        }
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    /// <summary>The account's signed-in devices, this one marked <c>current</c>.</summary>
    public Task<DeviceInfo[]> GetDevices() =>
        services.PresenceNotifier.GetDevicesAsync(AccountId, DeviceId, Context.ConnectionAborted);

    /// <summary>Answers a <see cref="HubMethods.SignOutRequested"/>: the outbox is sent, the hub may sign this device out now.</summary>
    public void AcknowledgeSignOut()
    {
        var entry = services.Registry.Find(DeviceId);
        if (entry is null || !entry.AcknowledgeSignOut())
            throw Error(ErrorCodes.NotFound, "No sign-out of this device is pending.");
    }

    /// <summary>Every live entity of the workspace, in pages, all from one read at one head seq.</summary>
    public async IAsyncEnumerable<EntityPage> StreamSnapshot(string workspaceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!EntityIds.IsValid(workspaceId))
            throw Error(ErrorCodes.InvalidRequest, "The workspaceId is missing or malformed.");
        await EnsureMemberAsync(AccountId, workspaceId).ConfigureAwait(false);
        var snapshot = await services.Snapshots.ReadSnapshotAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var entities = snapshot.Entities;
        // Pages stay well under the hub's message size whatever the bodies weigh; at least one entity per page.
        var byteBudget = _options.MaxMessageBytes / 2;
        var offset = 0;
        do
        {
            var count = 0;
            long bytes = 0;
            while (offset + count < entities.Count && count < _options.PageSize)
            {
                var size = 256L + (entities[offset + count].Body?.Length ?? 0) * 3L;
                if (count > 0 && bytes + size > byteBudget) break;
                bytes += size;
                count++;
            }
            var page = new EntityPage
            {
                WorkspaceId = workspaceId,
                Entities = [.. entities.Skip(offset).Take(count)],
                HeadSeq = snapshot.HeadSeq,
                IsLast = offset + count >= entities.Count,
            };
            offset += count;
            yield return page;
        }
        while (offset < entities.Count);
    }

    // Called after reading changes after the cursor: the pruned-through seq only grows and is raised before the changes
    // go, so if the cursor is at or past it now, what was read had no gap.
    private async Task EnsureRetainedAsync(string workspaceId, long afterSeq, CancellationToken cancellationToken)
    {
        var prunedThrough = await services.Retention.GetPrunedThroughAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        if (afterSeq < prunedThrough)
        {
            throw Error(ErrorCodes.SnapshotRequired,
                $"The hub keeps only the newest changes of this workspace; changes after seq {afterSeq} are no longer all there. Fetch a snapshot (StreamSnapshot).");
        }
    }
}
