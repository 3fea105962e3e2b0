using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Server.Internal;
using SyncHub.Server.Presence;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Devices;

/// <summary>
/// Signs a device out: asks it first when it is online (<see cref="HubMethods.SignOutRequested"/>, then waits up to the
/// grace for <see cref="HubMethods.AcknowledgeSignOut"/> so it can send its outbox), revokes its token, closes every
/// connection of it and tells the account's devices.
/// </summary>
internal sealed class DeviceSignOut(
    IDeviceStore devices,
    IDeviceEvents events,
    PresenceNotifier presence,
    IOptions<SyncHubOptions> options,
    TimeProvider timeProvider,
    ILogger<DeviceSignOut> logger)
{
    /// <summary>
    /// Signs out <paramref name="deviceId"/> of <paramref name="accountId"/> at the request of <paramref name="requestedBy"/>
    /// (the device itself: no request is sent and the revocation names nobody). False when it is not an active device of the account.
    /// </summary>
    public async Task<bool> SignOutAsync(string accountId, string deviceId, DeviceRecord requestedBy)
    {
        ArgumentNullException.ThrowIfNull(requestedBy);
        var target = await devices.FindDeviceAsync(deviceId, CancellationToken.None).ConfigureAwait(false);
        if (target is null || !string.Equals(target.AccountId, accountId, StringComparison.Ordinal) || !target.IsActiveAt(timeProvider.GetUtcNow()))
            return false;
        var self = string.Equals(deviceId, requestedBy.DeviceId, StringComparison.Ordinal);
        if (!self)
            await AskAsync(deviceId, requestedBy.DeviceId, requestedBy.Name).ConfigureAwait(false);
        var revokedBy = self ? null : requestedBy.DeviceId;
        var revoked = await devices.RevokeAsync(deviceId, revokedBy, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (revoked) Log.DeviceSignedOut(logger, deviceId, accountId, revokedBy ?? "itself");
        await RevokedAsync(accountId, deviceId).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// When the device is online (on any node), sends it <see cref="HubMethods.SignOutRequested"/> and waits up to the grace
    /// for its acknowledgement (or its last connection closing). Not cancellable: a sign-out that started finishes.
    /// </summary>
    public Task AskAsync(string deviceId, string requestedBy, string requestedByName)
    {
        var grace = options.Value.RemoteSignOutGrace;
        var request = new SignOutRequest
        {
            RequestedBy = requestedBy,
            RequestedByName = requestedByName,
            GraceMilliseconds = (int)Math.Min(int.MaxValue, grace.TotalMilliseconds),
        };
        return events.PublishAsync(DeviceEvent.SignOutRequested(deviceId, request));
    }

    /// <summary>The device's token was revoked: fail its invocations, close its connections on every node, and tell the account's devices.</summary>
    public async Task RevokedAsync(string accountId, string deviceId)
    {
        await events.PublishAsync(DeviceEvent.Revoked(deviceId)).ConfigureAwait(false);
        await presence.NotifyAsync(accountId).ConfigureAwait(false);
    }
}
