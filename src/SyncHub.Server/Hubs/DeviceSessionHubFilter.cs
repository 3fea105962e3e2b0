using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Hubs;

/// <summary>
/// Refuses every invocation of a device that was signed out or whose sign-in expired since it connected, and closes the
/// connection right after. The check reads the connection's registry entry only: no store access per invocation.
/// </summary>
internal sealed class DeviceSessionHubFilter(TimeProvider timeProvider, ILogger<DeviceSessionHubFilter> logger) : IHubFilter
{
    private static readonly TimeSpan CloseDelay = TimeSpan.FromMilliseconds(500);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        if (context.Items.TryGetValue(DeviceConnections.ItemKey, out var item) && item is DeviceConnections device)
        {
            string? refusal = null;
            if (device.IsRevoked)
                refusal = "This device was signed out; sign in again.";
            else if (timeProvider.GetUtcNow() >= device.ExpiresAt)
                refusal = "This device's sign-in expired; sign in again.";
            if (refusal is not null)
            {
                Log.ConnectionOfRevokedDevice(logger, context.ConnectionId, device.DeviceId);
                _ = CloseSoonAsync(context);
                throw new HubException(new HubError(ErrorCodes.Unauthorized, refusal).Format());
            }
        }
        return InvokeGuardedAsync(invocationContext, next);
    }

    // A store that does not answer (Redis unreachable, the disk gone) is a transient 'unavailable' for the device, which
    // retries; never the opaque error SignalR would send for an unexpected exception.
    private async ValueTask<object?> InvokeGuardedAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailures.IsStoreFailure(ex))
        {
            Log.InvocationStoreFailed(logger, ex, invocationContext.HubMethodName);
            throw new HubException(new HubError(ErrorCodes.Unavailable, "The hub cannot reach its store right now; try again in a moment.").Format());
        }
    }

    // After the refusal has gone out: closing at once would cancel the call instead of answering it. The device then
    // reconnects, is refused, and asks GET /api/sessions/current why.
    private static async Task CloseSoonAsync(HubCallerContext context)
    {
        await Task.Delay(CloseDelay).ConfigureAwait(false);
        context.Abort();
    }
}
