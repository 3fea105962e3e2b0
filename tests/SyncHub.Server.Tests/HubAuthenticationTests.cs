using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class HubAuthenticationTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TestTimeouts.Default };

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Negotiate_without_a_valid_token_answers_401_unauthorized(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.BaseUrl, HubRoutes.Hub + "/negotiate?negotiateVersion=1"));
        if (token is not null) request.Headers.Authorization = new("Bearer", token);

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task A_websocket_connect_that_skips_negotiate_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = new UriBuilder(new Uri(hub.BaseUrl, HubRoutes.Hub)) { Scheme = "ws", Query = "access_token=wrong" }.Uri;

        await FluentActions.Awaiting(() => socket.ConnectAsync(url, CancellationToken.None).WaitAsync(TestTimeouts.Default))
            .Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_signalr_client_cannot_start_without_a_valid_token(string? token)
    {
        await using var connection = RawHubClient.Build(hub.BaseUrl, token);

        var failure = await FluentActions.Awaiting(() => connection.StartAsync().WaitAsync(TestTimeouts.Default))
            .Should().ThrowAsync<HttpRequestException>();
        failure.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_opens_the_hub_and_subscribe_names_the_device_and_limits()
    {
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);

        var result = await connection.SubscribeAsync(session.WorkspaceId);

        result.DeviceId.Should().Be(session.DeviceId);
        result.Workspaces.Should().ContainSingle().Which.Should().BeEquivalentTo(new WorkspaceHead { WorkspaceId = session.WorkspaceId, HeadSeq = 0 });
        result.Limits.Should().BeEquivalentTo(new HubLimits { MaxBodyBytes = 1024 * 1024, MaxBatchSize = 100, MaxMessageBytes = 8 * 1024 * 1024, MaxPageSize = 500 });
    }
}
