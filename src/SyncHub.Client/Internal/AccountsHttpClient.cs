using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>
/// The hub's HTTP endpoints for accounts, sessions and devices. Error bodies become <see cref="SyncException"/>s with the
/// hub's code. Tokens go only into the Authorization header of one request; nothing here logs.
/// </summary>
internal sealed class AccountsHttpClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public AccountsHttpClient(TimeSpan timeout)
    {
        _http = new HttpClient { Timeout = timeout };
    }

    public Task<AccountCreated> RegisterAsync(Uri server, RegisterAccountRequest request, CancellationToken cancellationToken) =>
        SendAsync<AccountCreated>(server, HttpMethod.Post, HubRoutes.Accounts, null, JsonContent.Create(request, options: Json), cancellationToken);

    public Task<SessionCreated> SignInAsync(Uri server, SignInRequest request, CancellationToken cancellationToken) =>
        SendAsync<SessionCreated>(server, HttpMethod.Post, HubRoutes.Sessions, null, JsonContent.Create(request, options: Json), cancellationToken);

    public Task<SessionCreated> RenewAsync(Uri server, string token, CancellationToken cancellationToken) =>
        SendAsync<SessionCreated>(server, HttpMethod.Post, HubRoutes.RenewSession, token, null, cancellationToken);

    public async Task RevokeCurrentAsync(Uri server, string token, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(server, HttpMethod.Delete, HubRoutes.CurrentSession, token, null, cancellationToken).ConfigureAwait(false);
        // 401: the token already stopped working, which is what revoking wants.
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Unauthorized)
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeviceInfo>> GetDevicesAsync(Uri server, string token, CancellationToken cancellationToken) =>
        await SendAsync<DeviceInfo[]>(server, HttpMethod.Get, HubRoutes.Devices, token, null, cancellationToken).ConfigureAwait(false);

    public async Task DeleteDeviceAsync(Uri server, string token, string deviceId, CancellationToken cancellationToken)
    {
        var path = $"{HubRoutes.Devices}/{Uri.EscapeDataString(deviceId)}";
        using var response = await SendRawAsync(server, HttpMethod.Delete, path, token, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Why the hub refuses (or accepts) <paramref name="token"/>: the <see cref="SessionState"/> of a 200 or 401 answer;
    /// <c>unknown</c> when the hub answers anything else (an older hub without the endpoint).
    /// </summary>
    public async Task<IReadOnlyList<WorkspaceInfo>> GetWorkspacesAsync(Uri server, string token, CancellationToken cancellationToken) =>
        await SendAsync<WorkspaceInfo[]>(server, HttpMethod.Get, HubRoutes.Workspaces, token, null, cancellationToken).ConfigureAwait(false);

    public Task<WorkspaceInfo> CreateWorkspaceAsync(Uri server, string token, string name, CancellationToken cancellationToken) =>
        SendAsync<WorkspaceInfo>(server, HttpMethod.Post, HubRoutes.Workspaces, token, JsonContent.Create(new CreateWorkspaceRequest(name), options: Json), cancellationToken);

    public async Task<IReadOnlyList<WorkspaceMember>> GetMembersAsync(Uri server, string token, string workspaceId, CancellationToken cancellationToken) =>
        await SendAsync<WorkspaceMember[]>(server, HttpMethod.Get, MembersPath(workspaceId), token, null, cancellationToken).ConfigureAwait(false);

    public Task<WorkspaceMember> AddMemberAsync(Uri server, string token, string workspaceId, string username, CancellationToken cancellationToken) =>
        SendAsync<WorkspaceMember>(server, HttpMethod.Post, MembersPath(workspaceId), token, JsonContent.Create(new AddMemberRequest(username), options: Json), cancellationToken);

    public async Task RemoveMemberAsync(Uri server, string token, string workspaceId, string accountId, CancellationToken cancellationToken)
    {
        var path = $"{MembersPath(workspaceId)}/{Uri.EscapeDataString(accountId)}";
        using var response = await SendRawAsync(server, HttpMethod.Delete, path, token, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static string MembersPath(string workspaceId) => $"{HubRoutes.Workspaces}/{Uri.EscapeDataString(workspaceId)}/members";

    public async Task<SessionState> GetSessionStateAsync(Uri server, string token, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(server, HttpMethod.Get, HubRoutes.CurrentSession, token, null, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Unauthorized)
        {
            try
            {
                var state = await response.Content.ReadFromJsonAsync<SessionState>(Json, cancellationToken).ConfigureAwait(false);
                if (state is { Status.Length: > 0 }) return state;
            }
            catch (JsonException)
            {
            }
            catch (NotSupportedException)
            {
                // Not a JSON body: fall through to what the status code says.
            }
        }
        var status = response.IsSuccessStatusCode ? SessionStatuses.Active : SessionStatuses.Unknown;
        return new SessionState(status, null, null, null, null, null, null);
    }

    private async Task<TResponse> SendAsync<TResponse>(Uri server, HttpMethod method, string path, string? token, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(server, method, path, token, content, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<TResponse>(Json, cancellationToken).ConfigureAwait(false);
            return body ?? throw new SyncException(ErrorCodes.InvalidRequest, "The hub answered with an empty body.");
        }
        throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(Uri server, HttpMethod method, string path, string? token, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(server, path)) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SyncException(ErrorCodes.Unreachable, $"Cannot reach the hub at {server}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SyncException(ErrorCodes.Timeout, $"The hub at {server} did not answer in time.", ex);
        }
    }

    private static async Task<SyncException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ErrorResponse? error = null;
        try
        {
            if (response.StatusCode == HttpStatusCode.Conflict && text.Contains("\"devices\"", StringComparison.Ordinal))
            {
                var limit = JsonSerializer.Deserialize<DeviceLimitResponse>(text, Json);
                if (limit is { Code: ErrorCodes.DeviceLimit })
                    return new DeviceLimitException(DeviceLimitMessage(limit), limit.MaxDevices, limit.Devices ?? []);
            }
            error = JsonSerializer.Deserialize<ErrorResponse>(text, Json);
        }
        catch (JsonException)
        {
            // Not a JSON body (a proxy's error page): fall back to the status code below.
        }

        var retryAfter = response.Headers.RetryAfter?.Delta;
        if (error is { Code.Length: > 0 })
        {
            var message = error.Message;
            if (error.Code == ErrorCodes.RateLimited && retryAfter is { } wait && !message.Contains("retry", StringComparison.OrdinalIgnoreCase))
                message += $" Try again in {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s.";
            return new SyncException(error.Code, message);
        }

        var code = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ErrorCodes.Unauthorized,
            HttpStatusCode.Forbidden => ErrorCodes.Forbidden,
            HttpStatusCode.NotFound => ErrorCodes.NotFound,
            HttpStatusCode.Conflict => ErrorCodes.AccountExists,
            HttpStatusCode.TooManyRequests => ErrorCodes.RateLimited,
            >= HttpStatusCode.InternalServerError => ErrorCodes.Unavailable,
            _ => ErrorCodes.InvalidRequest,
        };
        return new SyncException(code, $"The hub answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    private static string DeviceLimitMessage(DeviceLimitResponse limit)
    {
        var devices = string.Join(", ", (limit.Devices ?? []).Select(d =>
            $"'{d.Name}' ({d.DeviceId}, {(d.Online ? "online" : "last seen " + DateTimeOffset.FromUnixTimeMilliseconds(d.LastSeenAt).ToString("u", CultureInfo.InvariantCulture))})"));
        return $"This account already has {limit.MaxDevices} devices signed in: {devices}. "
            + "Sign one of them out first, or sign in again replacing one of them.";
    }

    public void Dispose() => _http.Dispose();
}
