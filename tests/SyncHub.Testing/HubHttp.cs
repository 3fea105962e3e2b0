using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SyncHub.Testing;

/// <summary>Requests to the hub's HTTP endpoints with a bearer token (sessions, devices), each bounded by <see cref="TestTimeouts.Default"/>.</summary>
public static class HubHttp
{
    private static readonly HttpClient Http = new() { Timeout = TestTimeouts.Default };

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="token"/> (none when null) and an optional body (JSON of an object, or an <see cref="HttpContent"/> as it is); the caller disposes the response.</summary>
    public static async Task<HttpResponseMessage> SendAsync(Uri baseUrl, HttpMethod method, string path, string? token, object? body = null, CancellationToken cancellationToken = default)
    {
        // Awaited here: the request (and its body) must outlive the send.
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        return await Http.SendAsync(request, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
    }

    /// <summary>GETs <paramref name="path"/> with <paramref name="token"/> and reads the JSON body as <typeparamref name="T"/>, whatever the status.</summary>
    public static async Task<(int Status, T? Body)> GetJsonAsync<T>(Uri baseUrl, string path, string? token, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(baseUrl, HttpMethod.Get, path, token, null, cancellationToken);
        var body = response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        return ((int)response.StatusCode, body);
    }
}
