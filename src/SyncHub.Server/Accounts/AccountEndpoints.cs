using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Authentication;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Accounts;

/// <summary><c>POST /api/accounts</c> and <c>POST /api/sessions</c>.</summary>
internal static partial class AccountEndpoints
{
    private const int MaxPasswordLength = 1024;
    private const int MaxEmailLength = 254;
    private const int MaxDeviceNameLength = 100;
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubRoutes.Accounts, RegisterAsync).AllowAnonymous();
        endpoints.MapPost(HubRoutes.Sessions, SignInAsync).AllowAnonymous();
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
        PasswordVerifier passwords,
        IOptions<SyncHubOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        var (request, error) = await ReadAsync<SignInRequest>(context).ConfigureAwait(false);
        if (request is null) return error!;
        if (string.IsNullOrWhiteSpace(request.Login) || request.Password is null || request.Password.Length > MaxPasswordLength)
            return Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "A sign-in needs a login (username or email) and a password.");

        var logger = loggerFactory.CreateLogger(typeof(AccountEndpoints).FullName!);
        var account = await accounts.FindByLoginAsync(request.Login, context.RequestAborted).ConfigureAwait(false);
        if (!passwords.Verify(account, request.Password) || account is null)
        {
            Log.SignInRefused(logger);
            return Error(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "The login or the password is wrong.");
        }

        var now = timeProvider.GetUtcNow();
        var token = DeviceTokens.New();
        var name = string.IsNullOrWhiteSpace(request.DeviceName) ? "device" : request.DeviceName.Trim();
        if (name.Length > MaxDeviceNameLength) name = name[..MaxDeviceNameLength];
        var device = new DeviceRecord(EntityIds.New(), account.AccountId, name, DeviceTokens.Hash(token), now, now, now + options.Value.TokenLifetime, null);
        await accounts.CreateDeviceAsync(device, context.RequestAborted).ConfigureAwait(false);

        Log.DeviceSignedIn(logger, device.DeviceId, account.AccountId);
        return Results.Json(new SessionCreated(account.AccountId, account.WorkspaceId, device.DeviceId, token, device.ExpiresAt), JsonOptions);
    }

    // Reads the body ourselves so that malformed JSON gets our error shape rather than a bare 400 (or a 500).
    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
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

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorResponse(code, message), JsonOptions, statusCode: status);

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailPattern();
}
