using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>The hub's HTTP endpoints for accounts and sign-in. Error bodies become <see cref="SyncException"/>s with the hub's code.</summary>
internal sealed class AccountsHttpClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public AccountsHttpClient(TimeSpan timeout)
    {
        _http = new HttpClient { Timeout = timeout };
    }

    public Task<AccountCreated> RegisterAsync(Uri server, RegisterAccountRequest request, CancellationToken cancellationToken) =>
        PostAsync<RegisterAccountRequest, AccountCreated>(server, HubRoutes.Accounts, request, cancellationToken);

    public Task<SessionCreated> SignInAsync(Uri server, SignInRequest request, CancellationToken cancellationToken) =>
        PostAsync<SignInRequest, SessionCreated>(server, HubRoutes.Sessions, request, cancellationToken);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(Uri server, string path, TRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(new Uri(server, path), request, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SyncException(ErrorCodes.Unreachable, $"Cannot reach the hub at {server}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SyncException(ErrorCodes.Timeout, $"The hub at {server} did not answer in time.", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<TResponse>(Json, cancellationToken).ConfigureAwait(false);
                return body ?? throw new SyncException(ErrorCodes.InvalidRequest, "The hub answered with an empty body.");
            }
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<SyncException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ErrorResponse? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
        }
        catch (NotSupportedException)
        {
            // Not a JSON body (a proxy's error page): fall back to the status code below.
        }
        if (error is { Code.Length: > 0 }) return new SyncException(error.Code, error.Message);

        var code = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ErrorCodes.Unauthorized,
            HttpStatusCode.Forbidden => ErrorCodes.Forbidden,
            HttpStatusCode.Conflict => ErrorCodes.AccountExists,
            HttpStatusCode.TooManyRequests => ErrorCodes.RateLimited,
            >= HttpStatusCode.InternalServerError => ErrorCodes.Unavailable,
            _ => ErrorCodes.InvalidRequest,
        };
        return new SyncException(code, $"The hub answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    public void Dispose() => _http.Dispose();
}
