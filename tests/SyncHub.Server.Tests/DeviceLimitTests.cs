using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class DeviceLimitTests
{
    private static Task<HubHost> StartAsync(int maxDevices = 3) =>
        HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxDevicesPerAccount"] = maxDevices.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static Task<HttpResponseMessage> SignInAsync(Uri baseUrl, TestSession account, string deviceName, string? replace = null) =>
        TestAccounts.PostAsync(baseUrl, HubRoutes.Sessions, new SignInRequest(account.Username, account.Password, deviceName, replace));

    [Fact]
    public async Task A_sign_in_over_the_limit_answers_409_device_limit_with_the_signed_in_devices()
    {
        await using var hub = await StartAsync();
        var first = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "first");
        await TestAccounts.SignInAsync(hub.BaseUrl, first, "second");
        await TestAccounts.SignInAsync(hub.BaseUrl, first, "third");
        await using var online = await RawHubClient.ConnectAsync(hub.BaseUrl, first);

        using var response = await SignInAsync(hub.BaseUrl, first, "fourth");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var body = await response.Content.ReadFromJsonAsync<DeviceLimitResponse>();
        body!.Code.Should().Be(ErrorCodes.DeviceLimit);
        body.MaxDevices.Should().Be(3);
        body.Message.Should().NotBeNullOrEmpty();
        body.Devices.Select(d => d.Name).Should().BeEquivalentTo(["first", "second", "third"]);
        body.Devices.Single(d => d.Name == "first").Online.Should().BeTrue();
        body.Devices.Single(d => d.Name == "second").Online.Should().BeFalse();
        body.Devices.Should().OnlyContain(d => d.SignedInAt > 0 && d.LastSeenAt > 0 && !d.Current);
    }

    [Fact]
    public async Task Concurrent_sign_ins_never_pass_the_limit_together()
    {
        await using var hub = await StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SignInAsync(hub.BaseUrl, account, $"racer {i}")));

        try
        {
            responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(2);
            responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(6);
            var (_, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(hub.BaseUrl, HubRoutes.Devices, account.Token);
            devices.Should().HaveCount(3);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task Replacing_a_device_signs_it_out_closes_its_connection_and_signs_the_new_one_in()
    {
        await using var hub = await StartAsync(maxDevices: 2);
        var account = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "old laptop");
        await TestAccounts.SignInAsync(hub.BaseUrl, account, "phone");
        await using var old = await RawHubClient.ConnectAsync(hub.BaseUrl, account);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        using var response = await SignInAsync(hub.BaseUrl, account, "new laptop", replace: account.DeviceId);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var created = await response.Content.ReadFromJsonAsync<SessionCreated>();
        created!.DeviceId.Should().NotBe(account.DeviceId);
        await closed.Task.WaitAsync(TestTimeouts.Default);
        var (status, state) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, account.Token);
        status.Should().Be(401);
        state!.Status.Should().Be(SessionStatuses.Revoked);
        state.RevokedBy.Should().Be(created.DeviceId);
        state.RevokedAt.Should().NotBeNull();
        state.Message.Should().Contain("new laptop");
        var (_, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(hub.BaseUrl, HubRoutes.Devices, created.Token);
        devices!.Select(d => d.Name).Should().BeEquivalentTo(["phone", "new laptop"]);
    }

    [Fact]
    public async Task Replacing_a_device_of_another_account_answers_404_and_leaves_it_signed_in()
    {
        await using var hub = await StartAsync(maxDevices: 1);
        var mine = await TestAccounts.CreateAsync(hub.BaseUrl);
        var theirs = await TestAccounts.CreateAsync(hub.BaseUrl);

        using var response = await SignInAsync(hub.BaseUrl, mine, "intruder", replace: theirs.DeviceId);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.NotFound);
        var (status, _) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, theirs.Token);
        status.Should().Be(200);
    }
}
