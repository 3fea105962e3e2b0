using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Authentication;

/// <summary>Authenticates a device by its bearer token (header or <c>access_token</c> query), answering refusals with an <see cref="ErrorResponse"/>.</summary>
internal sealed class DeviceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IDeviceStore devices,
    TimeProvider timeProvider)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    // Writing last_seen on every request would turn each reconnect into a disk flush.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = DeviceTokens.Read(Request);
        if (token is null)
            return AuthenticateResult.NoResult();
        if (token.Length > DeviceTokens.MaxLength)
            return Refuse("token too long");

        var device = await devices.FindByTokenHashAsync(DeviceTokens.Hash(token), Context.RequestAborted).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (device is null)
            return Refuse("unknown token");
        if (device.RevokedAt is not null)
            return Refuse("revoked token");
        if (now >= device.ExpiresAt)
            return Refuse("expired token");

        if (now - device.LastSeenAt >= LastSeenResolution)
            await devices.TouchAsync(device.DeviceId, now, Context.RequestAborted).ConfigureAwait(false);

        var identity = new ClaimsIdentity(
            [
                new Claim(SyncHubClaimTypes.AccountId, device.AccountId),
                new Claim(SyncHubClaimTypes.DeviceId, device.DeviceId),
                new Claim(SyncHubClaimTypes.ExpiresAt, device.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(
            new ErrorResponse(ErrorCodes.Unauthorized, "A valid device token is required: sign in again to get a new one."),
            Context.RequestAborted).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(
            new ErrorResponse(ErrorCodes.Forbidden, "This device may not do that."),
            Context.RequestAborted).ConfigureAwait(false);
    }

    private AuthenticateResult Refuse(string reason)
    {
        Log.TokenRefused(Logger, reason);
        return AuthenticateResult.Fail(reason);
    }
}
