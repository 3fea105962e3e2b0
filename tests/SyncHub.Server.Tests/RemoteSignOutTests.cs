using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class RemoteSignOutTests
{
    private static Task<HubHost> StartAsync(string grace) =>
        HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:RemoteSignOutGrace"] = grace });

    private static (HubConnection Connection, TaskCompletionSource<SignOutRequest> Requested, TaskCompletionSource Closed) Watch(HubConnection connection)
    {
        var requested = new TaskCompletionSource<SignOutRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SignOutRequest>(HubMethods.SignOutRequested, r => requested.TrySetResult(r));
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return (connection, requested, closed);
    }

    [Fact]
    public async Task An_online_device_is_asked_first_and_signed_out_once_it_acknowledges()
    {
        // A grace far beyond the test's waits: the sign-out can only finish early through the acknowledgement.
        await using var hub = await StartAsync("00:05:00");
        var laptop = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(hub.BaseUrl, laptop, "phone");
        var laptopConnection = RawHubClient.Build(hub.BaseUrl, laptop.Token);
        await using var _ = laptopConnection;
        var (connection, requested, closed) = Watch(laptopConnection);
        await connection.StartAsync().WaitAsync(TestTimeouts.Default);
        await connection.SubscribeAsync(laptop.WorkspaceId);

        var signOut = HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{laptop.DeviceId}", phone.Token);
        var request = await requested.Task.WaitAsync(TestTimeouts.Default);

        request.RequestedBy.Should().Be(phone.DeviceId);
        request.RequestedByName.Should().Be("phone");
        request.GraceMilliseconds.Should().Be(300_000);
        signOut.IsCompleted.Should().BeFalse("the hub waits for the acknowledgement");
        (await connection.MutateOneAsync(TestMutations.CreateCollection(laptop.WorkspaceId, "last-edit"))).Status
            .Should().Be(MutationStatuses.Applied, "the device may still send its outbox");
        await connection.AcknowledgeSignOutAsync();

        using var response = await signOut.WaitAsync(TestTimeouts.Default);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await closed.Task.WaitAsync(TestTimeouts.Default);
        var (status, state) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, laptop.Token);
        status.Should().Be(401);
        state!.Status.Should().Be(SessionStatuses.Revoked);
        state.RevokedBy.Should().Be(phone.DeviceId);
        state.Message.Should().Contain("phone");
        var (_, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(hub.BaseUrl, HubRoutes.Devices, phone.Token);
        devices!.Select(d => d.DeviceId).Should().Equal(phone.DeviceId);
    }

    [Fact]
    public async Task A_device_that_does_not_acknowledge_is_signed_out_after_the_grace_and_its_calls_fail()
    {
        await using var hub = await StartAsync("00:00:00.200");
        var laptop = await TestAccounts.CreateAsync(hub.BaseUrl);
        var phone = await TestAccounts.SignInAsync(hub.BaseUrl, laptop, "phone");
        var laptopConnection = RawHubClient.Build(hub.BaseUrl, laptop.Token);
        await using var _ = laptopConnection;
        var (connection, requested, closed) = Watch(laptopConnection);
        await connection.StartRegisteredAsync();

        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{laptop.DeviceId}", phone.Token);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await requested.Task.WaitAsync(TestTimeouts.Default)).GraceMilliseconds.Should().Be(200);
        await closed.Task.WaitAsync(TestTimeouts.Default);
        await FluentActions.Awaiting(() => connection.GetChangesAsync(laptop.WorkspaceId, 0, 10)).Should().ThrowAsync<Exception>();
        var refused = await FluentActions.Awaiting(() => RawHubClient.ConnectAsync(hub.BaseUrl, laptop)).Should().ThrowAsync<HttpRequestException>();
        refused.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_offline_device_is_signed_out_at_once_and_an_unknown_or_revoked_one_is_404()
    {
        await using var hub = await StartAsync("00:05:00");
        var laptop = await TestAccounts.CreateAsync(hub.BaseUrl);
        var phone = await TestAccounts.SignInAsync(hub.BaseUrl, laptop, "phone");

        using var first = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{laptop.DeviceId}", phone.Token);
        using var again = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{laptop.DeviceId}", phone.Token);
        using var unknown = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{EntityIds.New()}", phone.Token);

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        foreach (var response in new[] { again, unknown })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.NotFound);
        }
    }
}
