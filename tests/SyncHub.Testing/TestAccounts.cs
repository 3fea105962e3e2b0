using System.Net.Http.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Testing;

/// <summary>Registers accounts and signs devices in over the hub's real HTTP endpoints.</summary>
public static class TestAccounts
{
    /// <summary>A password that passes the hub's rules.</summary>
    public const string DefaultPassword = "correct horse battery staple";

    private static readonly HttpClient Http = new() { Timeout = TestTimeouts.Default };

    /// <summary>A fresh unique username (3 to 32 allowed characters).</summary>
    public static string NewUsername(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 13)];

    /// <summary>Registers a new account (random username unless given) and signs in one device.</summary>
    public static async Task<TestSession> CreateAsync(
        Uri baseUrl,
        string? username = null,
        string password = DefaultPassword,
        string deviceName = "test device",
        CancellationToken cancellationToken = default)
    {
        username ??= NewUsername();
        var email = $"{username}@example.test";
        using var register = await PostAsync(baseUrl, HubRoutes.Accounts, new RegisterAccountRequest(username, email, password), cancellationToken);
        if ((int)register.StatusCode != 201)
            throw new InvalidOperationException($"Registering {username} answered {(int)register.StatusCode}: {await register.Content.ReadAsStringAsync(cancellationToken)}");
        var session = await SignInAsync(baseUrl, username, password, deviceName, cancellationToken);
        return session with { Username = username, Email = email };
    }

    /// <summary>Signs in another device of the account of <paramref name="session"/>.</summary>
    public static async Task<TestSession> SignInAsync(Uri baseUrl, TestSession session, string deviceName = "another device", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var other = await SignInAsync(baseUrl, session.Username, session.Password, deviceName, cancellationToken);
        return other with { Username = session.Username, Email = session.Email };
    }

    /// <summary>Signs in a device with a login (username or email) and password; throws unless the hub answers 200.</summary>
    public static async Task<TestSession> SignInAsync(Uri baseUrl, string login, string password, string deviceName = "test device", CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(baseUrl, HubRoutes.Sessions, new SignInRequest(login, password, deviceName), cancellationToken);
        if ((int)response.StatusCode != 200)
            throw new InvalidOperationException($"Signing in {login} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var created = await response.Content.ReadFromJsonAsync<SessionCreated>(cancellationToken)
            ?? throw new InvalidOperationException("Sign-in answered an empty body.");
        return new TestSession(created.AccountId, created.WorkspaceId, created.DeviceId, created.Token, login, login, password);
    }

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> and returns the raw response (the caller disposes it).</summary>
    public static Task<HttpResponseMessage> PostAsync<T>(Uri baseUrl, string path, T body, CancellationToken cancellationToken = default) =>
        Http.PostAsJsonAsync(new Uri(baseUrl, path), body, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);

    /// <summary>POSTs raw text with a JSON content type (for malformed bodies) and returns the raw response.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(Uri baseUrl, string path, string json, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return Http.PostAsync(new Uri(baseUrl, path), content, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
    }
}
