using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Authentication;
using SyncHub.Server.Devices;
using SyncHub.Server.Internal;
using SyncHub.Server.Presence;
using SyncHub.Server.RateLimiting;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Accounts;

/// <summary><c>POST /api/accounts</c> and <c>POST /api/sessions</c>.</summary>
internal static partial class AccountEndpoints
{
    private const int MaxPasswordLength = 1024;
    private const int MaxEmailLength = 254;
    private const int MaxDeviceNameLength = 100;
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubRoutes.Accounts, RegisterAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimits.AddressPolicy);
        endpoints.MapPost(HubRoutes.Sessions, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimits.AddressPolicy);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext context,
        IAccountStore accounts,
        PasswordVerifier passwords,
        IOptions<SyncHubOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var (request, error) = await ReadAsync<RegisterAccountRequest>(context).ConfigureAwait(false);
        if (request is null) return error!;

        var username = request.Username?.Trim();
        var email = request.Email?.Trim();
        if (username is null || !UsernamePattern().IsMatch(username))
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The username must be 3 to 32 characters of letters, digits, '.', '_' or '-'.");
        if (email is null || email.Length > MaxEmailLength || !EmailPattern().IsMatch(email))
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The email must be an address like name@example.com.");
        if (request.Password is null)
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The password is missing.");
        if (request.Password.Length > MaxPasswordLength)
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, $"The password is longer than {MaxPasswordLength} characters.");
        var minLength = options.Value.MinPasswordLength;
        if (request.Password.Length < minLength)
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.WeakPassword, $"The password must be at least {minLength} characters long.");

        var account = new NewAccount(EntityIds.New(), username, email, passwords.Hash(request.Password), EntityIds.New(), timeProvider.GetUtcNow());
        var created = await accounts.CreateAccountAsync(account, context.RequestAborted).ConfigureAwait(false);
        if (created is null)
            return Error(StatusCodes.Status409Conflict, ErrorCodes.AccountExists, "That username or email is already registered: sign in, or choose another.");

        Log.AccountRegistered(loggerFactory.CreateLogger(typeof(AccountEndpoints).FullName!), created.AccountId, created.WorkspaceId);
        return Results.Json(new AccountCreated(created.AccountId, created.Username, created.WorkspaceId), JsonOptions, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        IAccountStore accounts,
        IDeviceStore devices,
        PasswordVerifier passwords,
        SignInRateLimits rateLimits,
        DeviceSignOut signOut,
        PresenceNotifier presence,
        IOptions<SyncHubOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var (request, error) = await ReadAsync<SignInRequest>(context).ConfigureAwait(false);
        if (request is null) return error!;
        if (string.IsNullOrWhiteSpace(request.Login) || request.Password is null || request.Password.Length > MaxPasswordLength || request.Login.Length > MaxEmailLength)
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "A sign-in needs a login (username or email) and a password.");
        if (request.ReplaceDeviceId is not null && !EntityIds.IsValid(request.ReplaceDeviceId))
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "replaceDeviceId must be the id of one of your devices.");

        var logger = loggerFactory.CreateLogger(typeof(AccountEndpoints).FullName!);
        // Before the account is looked up: the answer is the same whether it exists or not.
        if (rateLimits.TryAttempt(request.Login) is { } retryAfter)
        {
            Log.RateLimited(logger, HubRoutes.Sessions, "login");
            return SignInRateLimits.Rejection(retryAfter);
        }

        var account = await accounts.FindByLoginAsync(request.Login, context.RequestAborted).ConfigureAwait(false);
        if (!passwords.Verify(account, request.Password) || account is null)
        {
            Log.SignInRefused(logger);
            return Error(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "The login or the password is wrong.");
        }

        var settings = options.Value;
        var token = DeviceTokens.New();
        var name = string.IsNullOrWhiteSpace(request.DeviceName) ? "device" : request.DeviceName.Trim();
        if (name.Length > MaxDeviceNameLength) name = name[..MaxDeviceNameLength];
        var deviceId = EntityIds.New();

        var replaced = request.ReplaceDeviceId;
        if (replaced is not null)
        {
            var target = await devices.FindDeviceAsync(replaced, context.RequestAborted).ConfigureAwait(false);
            if (target is null || target.AccountId != account.AccountId || !target.IsActiveAt(timeProvider.GetUtcNow()))
                return ReplacedNotFound(replaced);
            // The replaced device may still send its outbox before it is signed out.
            await signOut.AskAsync(replaced, deviceId, name).ConfigureAwait(false);
        }

        var now = timeProvider.GetUtcNow();
        var device = new DeviceRecord(deviceId, account.AccountId, name, DeviceTokens.Hash(token), now, now, now + settings.TokenLifetime, null);
        var result = await devices.SignInAsync(device, settings.MaxDevicesPerAccount, replaced, CancellationToken.None).ConfigureAwait(false);
        switch (result.Status)
        {
            case DeviceSignInStatus.ReplacedNotFound:
                return ReplacedNotFound(replaced!);
            case DeviceSignInStatus.DeviceLimit:
                Log.DeviceLimitReached(logger, account.AccountId, settings.MaxDevicesPerAccount);
                var signedIn = await presence.DescribeAsync(account.AccountId, result.ActiveDevices, null, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(
                    new DeviceLimitResponse(
                        ErrorCodes.DeviceLimit,
                        $"This account already has {settings.MaxDevicesPerAccount} devices signed in. Sign one of them out, or sign in again replacing one (replaceDeviceId).",
                        settings.MaxDevicesPerAccount,
                        signedIn),
                    JsonOptions,
                    statusCode: StatusCodes.Status409Conflict);
        }

        Log.DeviceSignedIn(logger, device.DeviceId, account.AccountId);
        if (replaced is not null)
        {
            Log.DeviceSignedOut(logger, replaced, account.AccountId, device.DeviceId);
            await signOut.RevokedAsync(account.AccountId, replaced).ConfigureAwait(false);
        }
        else
        {
            await presence.NotifyAsync(account.AccountId).ConfigureAwait(false);
        }
        return Results.Json(new SessionCreated(account.AccountId, account.WorkspaceId, device.DeviceId, token, device.ExpiresAt), JsonOptions);
    }

    private static IResult ReplacedNotFound(string deviceId) =>
        Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"Device '{deviceId}' is not signed in to this account; sign in again without replacing it.");

    // Reads the body ourselves so that malformed JSON gets our error shape rather than a bare 400 (or a 500).
    internal static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, JsonOptions, context.RequestAborted).ConfigureAwait(false);
            return value is null
                ? (null, Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body is not valid JSON of the expected shape."));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Error(ex.StatusCode, ErrorCodes.InvalidRequest, "The request body could not be read."));
        }
    }

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorResponse(code, message), JsonOptions, statusCode: status);

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailPattern();
}
