using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class SignInSecurityTests
{
    private static Task<HubHost> StartAsync(int perLogin = 100_000, int perAddress = 100_000, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null) =>
        HubHost.StartAsync(configure, new Dictionary<string, string?>
        {
            ["SyncHub:SignIn:PermitsPerLogin"] = perLogin.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SyncHub:SignIn:PermitsPerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SyncHub:SignIn:Window"] = "00:10:00",
        });

    private static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> SignInAsync(Uri baseUrl, string login, string password)
    {
        using var response = await TestAccounts.PostAsync(baseUrl, HubRoutes.Sessions, new SignInRequest(login, password, "probe"));
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), retryAfter);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_answer()
    {
        await using var hub = await StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);

        var wrong = await SignInAsync(hub.BaseUrl, account.Username, "not the password");
        var unknown = await SignInAsync(hub.BaseUrl, TestAccounts.NewUsername("nobody"), "not the password");

        wrong.Status.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Body.Should().Contain(ErrorCodes.InvalidCredentials);
        unknown.Should().Be(wrong);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_login_with_429_and_retry_after_the_same_for_known_and_unknown_logins()
    {
        await using var hub = await StartAsync(perLogin: 3);
        var account = await TestAccounts.CreateAsync(hub.BaseUrl); // one attempt of this login
        var unknownLogin = TestAccounts.NewUsername("nobody");
        for (var i = 0; i < 2; i++) (await SignInAsync(hub.BaseUrl, account.Username, "wrong password")).Status.Should().Be(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 3; i++) (await SignInAsync(hub.BaseUrl, unknownLogin, "wrong password")).Status.Should().Be(HttpStatusCode.Unauthorized);

        var known = await SignInAsync(hub.BaseUrl, account.Username.ToUpperInvariant(), account.Password);
        var unknown = await SignInAsync(hub.BaseUrl, unknownLogin, "wrong password");
        var other = await SignInAsync(hub.BaseUrl, TestAccounts.NewUsername("nobody"), "wrong password");

        known.Status.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits once the login is limited");
        known.Body.Should().Contain(ErrorCodes.RateLimited);
        int.Parse(known.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        unknown.Status.Should().Be(HttpStatusCode.TooManyRequests);
        unknown.Body.Should().Be(known.Body);
        other.Status.Should().Be(HttpStatusCode.Unauthorized, "another login is not limited");
    }

    [Fact]
    public async Task Sign_in_and_registration_are_limited_per_client_address()
    {
        await using var hub = await StartAsync(perAddress: 4);
        var account = await TestAccounts.CreateAsync(hub.BaseUrl); // register + sign in: 2 requests
        (await SignInAsync(hub.BaseUrl, account.Username, "wrong password")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await SignInAsync(hub.BaseUrl, TestAccounts.NewUsername(), "wrong password")).Status.Should().Be(HttpStatusCode.Unauthorized);

        var signIn = await SignInAsync(hub.BaseUrl, TestAccounts.NewUsername(), "wrong password");
        var name = TestAccounts.NewUsername();
        using var register = await TestAccounts.PostAsync(hub.BaseUrl, HubRoutes.Accounts, new RegisterAccountRequest(name, $"{name}@example.test", TestAccounts.DefaultPassword));

        signIn.Status.Should().Be(HttpStatusCode.TooManyRequests);
        signIn.RetryAfter.Should().NotBeNull();
        JsonBodyCode(signIn.Body).Should().Be(ErrorCodes.RateLimited);
        register.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        register.Headers.RetryAfter.Should().NotBeNull();
        (await register.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task No_token_or_password_reaches_the_logs_even_at_trace_level()
    {
        var logs = new CapturingLoggerProvider();
        await using var hub = await StartAsync(configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            // Everything at Trace, the framework too (this rule comes after the hub's); only the hub's own, narrower rule
            // for the request line (which carries the query string) stays.
            builder.Logging.AddFilter(null, LogLevel.Trace);
            builder.Logging.AddFilter("Microsoft", LogLevel.Trace);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Trace);
        });
        const string Password = "a very secret password 12345";
        var account = await TestAccounts.CreateAsync(hub.BaseUrl, password: Password);
        var second = await TestAccounts.SignInAsync(hub.BaseUrl, account, "second");
        await SignInAsync(hub.BaseUrl, account.Username, Password + " wrong");
        using var renew = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.RenewSession, account.Token);
        var renewed = (await renew.Content.ReadFromJsonAsync<SessionCreated>())!.Token;
        using (var negotiate = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, $"{HubRoutes.Hub}/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(renewed)}", null))
            negotiate.StatusCode.Should().Be(HttpStatusCode.OK);
        await ConnectWithQueryTokenAsync(hub.BaseUrl, second.Token);
        await ConnectWithQueryTokenAsync(hub.BaseUrl, "a-token-nobody-has-ever-had");
        await using (var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, renewed))
            await connection.SubscribeAsync(account.WorkspaceId);
        using (await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, HubRoutes.CurrentSession, renewed)) { }
        using (await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, HubRoutes.CurrentSession, account.Token)) { }
        await hub.StopAsync();

        logs.Lines.Should().Contain(l => l.Contains("[1102]", StringComparison.Ordinal), "the sign-ins were logged");
        logs.Lines.Should().Contain(l => l.Contains("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal), "framework logs were captured too");
        foreach (var secret in new[] { Password, account.Token, second.Token, renewed, "a-token-nobody-has-ever-had" })
            logs.Lines.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task ConnectWithQueryTokenAsync(Uri baseUrl, string token)
    {
        using var socket = new ClientWebSocket();
        var url = new UriBuilder(new Uri(baseUrl, HubRoutes.Hub)) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        }
        catch (WebSocketException)
        {
            return; // refused: an unknown token
        }
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        var buffer = new byte[1024];
        await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TestTimeouts.Default);
    }

    private static string? JsonBodyCode(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
}
