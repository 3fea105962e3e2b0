using System.Security.Claims;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Accounts;
using SyncHub.Server.Authentication;
using SyncHub.Server.Devices;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Sessions;

/// <summary><c>GET</c>/<c>DELETE /api/sessions/current</c> and <c>POST /api/sessions/current/renew</c>.</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous on purpose: it answers why a refused token is refused.
        endpoints.MapGet(HubRoutes.CurrentSession, GetCurrentAsync).AllowAnonymous();
        endpoints.MapDelete(HubRoutes.CurrentSession, SignOutAsync).RequireAuthorization();
        endpoints.MapPost(HubRoutes.RenewSession, RenewAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> GetCurrentAsync(HttpContext context, IDeviceStore devices, TimeProvider timeProvider)
    {
        var token = DeviceTokens.Read(context.Request);
        var device = token is null || token.Length > DeviceTokens.MaxLength
            ? null
            : await devices.FindByTokenHashAsync(DeviceTokens.Hash(token), context.RequestAborted).ConfigureAwait(false);
        if (device is null)
            return Refused(new SessionState(SessionStatuses.Unknown, null, null, null, null, null, "The hub does not know this token: sign in again."));

        if (device.RevokedAt is { } revokedAt)
        {
            string message;
            if (device.RevokedBy is null)
            {
                message = "This device was signed out.";
            }
            else
            {
                var by = await devices.FindDeviceAsync(device.RevokedBy, context.RequestAborted).ConfigureAwait(false);
                message = $"This device was signed out from '{by?.Name ?? device.RevokedBy}'.";
            }
            return Refused(new SessionState(SessionStatuses.Revoked, device.DeviceId, device.Name, device.ExpiresAt, device.RevokedBy, revokedAt, message));
        }
        if (timeProvider.GetUtcNow() >= device.ExpiresAt)
            return Refused(new SessionState(SessionStatuses.Expired, device.DeviceId, device.Name, device.ExpiresAt, null, null, "This device's sign-in expired: sign in again."));

        return Results.Json(
            new SessionState(SessionStatuses.Active, device.DeviceId, device.Name, device.ExpiresAt, null, null, "Signed in."),
            AccountEndpoints.JsonOptions);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IDeviceStore devices, DeviceSignOut signOut)
    {
        var (accountId, deviceId) = Caller(context.User);
        var device = await devices.FindDeviceAsync(deviceId, context.RequestAborted).ConfigureAwait(false);
        if (device is not null) await signOut.SignOutAsync(accountId, deviceId, device).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> RenewAsync(
        HttpContext context,
        IAccountStore accounts,
        IDeviceStore devices,
        IDeviceEvents events,
        IOptions<SyncHubOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var (accountId, deviceId) = Caller(context.User);
        var current = DeviceTokens.Read(context.Request)!;
        var account = await accounts.FindByIdAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var token = DeviceTokens.New();
        var expiresAt = now + options.Value.TokenLifetime;
        if (account is null || !await devices.RenewAsync(deviceId, DeviceTokens.Hash(current), DeviceTokens.Hash(token), expiresAt, now, CancellationToken.None).ConfigureAwait(false))
        {
            return AccountEndpoints.Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "This token can no longer be renewed: sign in again.");
        }
        await events.PublishAsync(DeviceEvent.Renewed(deviceId, expiresAt)).ConfigureAwait(false);
        Log.SessionRenewed(loggerFactory.CreateLogger(typeof(SessionEndpoints).FullName!), deviceId);
        return Results.Json(new SessionCreated(accountId, account.WorkspaceId, deviceId, token, expiresAt), AccountEndpoints.JsonOptions);
    }

    private static IResult Refused(SessionState state) =>
        Results.Json(state, AccountEndpoints.JsonOptions, statusCode: StatusCodes.Status401Unauthorized);

    internal static (string AccountId, string DeviceId) Caller(ClaimsPrincipal user) =>
        (user.FindFirstValue(SyncHubClaimTypes.AccountId) ?? throw new InvalidOperationException("The caller has no account claim."),
         user.FindFirstValue(SyncHubClaimTypes.DeviceId) ?? throw new InvalidOperationException("The caller has no device claim."));
}
