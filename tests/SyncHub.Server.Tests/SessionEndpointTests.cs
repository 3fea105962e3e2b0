using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class SessionEndpointTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    [Fact]
    public async Task The_current_session_is_active_for_a_valid_token_and_unknown_for_another()
    {
        var session = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "desk");

        var (status, state) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, session.Token);
        var (unknownStatus, unknown) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, "no-such-token");
        var (noneStatus, none) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, null);

        status.Should().Be(200);
        state!.Status.Should().Be(SessionStatuses.Active);
        state.DeviceId.Should().Be(session.DeviceId);
        state.DeviceName.Should().Be("desk");
        state.ExpiresAt.Should().BeAfter(DateTimeOffset.UtcNow);
        unknownStatus.Should().Be(401);
        unknown!.Status.Should().Be(SessionStatuses.Unknown);
        noneStatus.Should().Be(401);
        none!.Status.Should().Be(SessionStatuses.Unknown);
    }

    [Fact]
    public async Task Signing_out_answers_204_revokes_the_token_and_closes_the_devices_connections()
    {
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, HubRoutes.CurrentSession, session.Token);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await closed.Task.WaitAsync(TestTimeouts.Default);
        var (status, state) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, session.Token);
        status.Should().Be(401);
        state!.Status.Should().Be(SessionStatuses.Revoked);
        state.RevokedBy.Should().BeNull("it signed itself out");
        state.RevokedAt.Should().NotBeNull();
        await FluentActions.Awaiting(() => RawHubClient.ConnectAsync(hub.BaseUrl, session)).Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Renewing_gives_a_new_token_and_expiry_and_the_old_token_stops_working()
    {
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (_, before) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, session.Token);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);

        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.RenewSession, session.Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var renewed = await response.Content.ReadFromJsonAsync<SessionCreated>();
        renewed!.Token.Should().NotBe(session.Token);
        renewed.DeviceId.Should().Be(session.DeviceId);
        renewed.AccountId.Should().Be(session.AccountId);
        renewed.WorkspaceId.Should().Be(session.WorkspaceId);
        renewed.ExpiresAt.Should().BeOnOrAfter(before!.ExpiresAt!.Value);
        (await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, session.Token)).Status.Should().Be(401);
        (await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, renewed.Token)).Body!.Status.Should().Be(SessionStatuses.Active);
        (await connection.SubscribeAsync(session.WorkspaceId)).DeviceId.Should().Be(session.DeviceId, "a renewal keeps the open connection");
        using var again = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.RenewSession, session.Token);
        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused_at_connect_and_on_every_call_of_an_open_connection()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await HubHost.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(time),
            new Dictionary<string, string?> { ["SyncHub:TokenLifetime"] = "01:00:00" });
        var session = await TestAccounts.CreateAsync(host.BaseUrl);
        await using var connection = await RawHubClient.ConnectAsync(host.BaseUrl, session);
        await connection.SubscribeAsync(session.WorkspaceId);

        time.Advance(TimeSpan.FromHours(1));

        await connection.GetChangesAsync(session.WorkspaceId, 0, 10).ShouldFailWithCodeAsync(ErrorCodes.Unauthorized);
        var (status, state) = await HubHttp.GetJsonAsync<SessionState>(host.BaseUrl, HubRoutes.CurrentSession, session.Token);
        status.Should().Be(401);
        state!.Status.Should().Be(SessionStatuses.Expired);
        var refused = await FluentActions.Awaiting(() => RawHubClient.ConnectAsync(host.BaseUrl, session)).Should().ThrowAsync<HttpRequestException>();
        refused.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var devices = await HubHttp.SendAsync(host.BaseUrl, HttpMethod.Get, HubRoutes.Devices, session.Token);
        devices.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_device_list_shows_the_accounts_signed_in_devices_with_the_caller_current_and_who_is_online()
    {
        var laptop = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(hub.BaseUrl, laptop, "phone");
        await using var online = await RawHubClient.ConnectAsync(hub.BaseUrl, phone);
        // The hub answers a call only once the connection is registered (which follows the handshake): only then is
        // the phone online for an HTTP request that races it.
        var viaHub = await online.GetDevicesAsync();

        var (status, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(hub.BaseUrl, HubRoutes.Devices, laptop.Token);

        status.Should().Be(200);
        devices!.Should().HaveCount(2);
        devices.Single(d => d.Current).DeviceId.Should().Be(laptop.DeviceId);
        devices.Single(d => d.DeviceId == phone.DeviceId).Should().Match<DeviceInfo>(d => d.Online && d.Name == "phone" && !d.Current);
        devices.Single(d => d.DeviceId == laptop.DeviceId).Online.Should().BeFalse();
        viaHub.Single(d => d.Current).DeviceId.Should().Be(phone.DeviceId);
    }
}
