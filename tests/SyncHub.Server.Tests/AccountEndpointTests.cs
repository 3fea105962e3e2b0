using System.Net;
using System.Net.Http.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class AccountEndpointTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private Uri BaseUrl => hub.BaseUrl;

    [Fact]
    public async Task Register_answers_201_with_the_account_and_its_personal_workspace()
    {
        var username = TestAccounts.NewUsername("reg");
        using var response = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Accounts, new RegisterAccountRequest(username, $"{username}@example.test", TestAccounts.DefaultPassword));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<AccountCreated>();
        created!.Username.Should().Be(username);
        created.AccountId.Should().NotBeNullOrEmpty();
        EntityIds.IsValid(created.WorkspaceId).Should().BeTrue();

        var session = await TestAccounts.SignInAsync(BaseUrl, username, TestAccounts.DefaultPassword);
        session.AccountId.Should().Be(created.AccountId);
        session.WorkspaceId.Should().Be(created.WorkspaceId);
    }

    [Fact]
    public async Task Register_refuses_a_taken_username_or_email_case_insensitively_with_409()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);

        using var sameName = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Accounts, new RegisterAccountRequest(session.Username.ToUpperInvariant(), "other-" + session.Email, TestAccounts.DefaultPassword));
        using var sameEmail = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Accounts, new RegisterAccountRequest(TestAccounts.NewUsername(), session.Email.ToUpperInvariant(), TestAccounts.DefaultPassword));

        foreach (var response in new[] { sameName, sameEmail })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.AccountExists);
        }
    }

    [Fact]
    public async Task Register_refuses_a_short_password_as_weak_password()
    {
        var username = TestAccounts.NewUsername();
        using var response = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Accounts, new RegisterAccountRequest(username, $"{username}@example.test", "short"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.WeakPassword);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"username\":\"a\",\"email\":\"a@example.test\",\"password\":\"long enough pw\"}")]
    [InlineData("{\"username\":\"valid-name\",\"email\":\"no-at-sign\",\"password\":\"long enough pw\"}")]
    [InlineData("{\"email\":\"x@example.test\",\"password\":\"long enough pw\"}")]
    public async Task Register_answers_malformed_requests_with_400_invalid_request(string body)
    {
        using var response = await TestAccounts.PostRawAsync(BaseUrl, HubRoutes.Accounts, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Sign_in_accepts_the_email_as_login_in_any_case()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);

        var byEmail = await TestAccounts.SignInAsync(BaseUrl, session.Email.ToUpperInvariant(), session.Password, "laptop");

        byEmail.AccountId.Should().Be(session.AccountId);
        byEmail.DeviceId.Should().NotBe(session.DeviceId);
        byEmail.Token.Should().NotBe(session.Token);
    }

    [Fact]
    public async Task Sign_in_gives_the_same_answer_for_an_unknown_login_and_a_wrong_password()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);

        using var wrongPassword = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Sessions, new SignInRequest(session.Username, "not the password", "d"));
        using var unknown = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Sessions, new SignInRequest(TestAccounts.NewUsername("ghost"), "not the password", "d"));

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var a = await wrongPassword.Content.ReadFromJsonAsync<ErrorResponse>();
        var b = await unknown.Content.ReadFromJsonAsync<ErrorResponse>();
        a!.Code.Should().Be(ErrorCodes.InvalidCredentials);
        b.Should().Be(a);
    }

    [Fact]
    public async Task Sign_in_returns_a_token_that_expires_after_the_token_lifetime()
    {
        var session = await TestAccounts.CreateAsync(BaseUrl);
        using var response = await TestAccounts.PostAsync(BaseUrl, HubRoutes.Sessions, new SignInRequest(session.Username, session.Password, "d"));

        var created = await response.Content.ReadFromJsonAsync<SessionCreated>();
        created!.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(30), TimeSpan.FromHours(1));
        created.Token.Length.Should().BeGreaterThanOrEqualTo(43, "32 random bytes in base64url");
    }
}
