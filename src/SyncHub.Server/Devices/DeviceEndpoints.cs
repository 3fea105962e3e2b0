using SyncHub.Protocol;
using SyncHub.Server.Accounts;
using SyncHub.Server.Presence;
using SyncHub.Server.Sessions;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Devices;

/// <summary><c>GET /api/devices</c> and <c>DELETE /api/devices/{id}</c>.</summary>
internal static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HubRoutes.Devices, ListAsync).RequireAuthorization();
        endpoints.MapDelete(HubRoutes.Devices + "/{id}", SignOutAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, PresenceNotifier presence)
    {
        var (accountId, deviceId) = SessionEndpoints.Caller(context.User);
        var list = await presence.GetDevicesAsync(accountId, deviceId, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(list, AccountEndpoints.JsonOptions);
    }

    private static async Task<IResult> SignOutAsync(string id, HttpContext context, IDeviceStore devices, DeviceSignOut signOut)
    {
        var (accountId, deviceId) = SessionEndpoints.Caller(context.User);
        var caller = await devices.FindDeviceAsync(deviceId, context.RequestAborted).ConfigureAwait(false);
        // The same answer for another account's device as for one that does not exist.
        if (caller is null || !EntityIds.IsValid(id) || !await signOut.SignOutAsync(accountId, id, caller).ConfigureAwait(false))
            return AccountEndpoints.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No device '{id}' of yours is signed in.");
        return Results.NoContent();
    }
}
