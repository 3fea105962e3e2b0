using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

/// <summary>Every hub method and device/session endpoint refuses another account's ids (forbidden or not_found).</summary>
public sealed class CrossAccountTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private async Task<(TestSession Me, TestSession Them, HubConnection Connection)> TwoAccountsAsync()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "mine");
        var them = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "theirs");
        return (me, them, await RawHubClient.ConnectAsync(hub.BaseUrl, me));
    }

    [Fact]
    public async Task Subscribe_refuses_another_accounts_workspace()
    {
        var (_, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        await connection.SubscribeAsync(them.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Mutate_refuses_another_accounts_workspace()
    {
        var (_, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        var result = await connection.MutateOneAsync(TestMutations.CreateCollection(them.WorkspaceId));
        result.Status.Should().Be(MutationStatuses.Rejected);
        result.Code.Should().Be(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task GetChanges_refuses_another_accounts_workspace()
    {
        var (_, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        await connection.GetChangesAsync(them.WorkspaceId, 0, 10).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task StreamChanges_refuses_another_accounts_workspace()
    {
        var (_, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        await connection.StreamChangesAsync(them.WorkspaceId, 0).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task StreamSnapshot_refuses_another_accounts_workspace()
    {
        var (_, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        await using (var owner = await RawHubClient.ConnectAsync(hub.BaseUrl, them))
            await owner.MutateOneAsync(TestMutations.CreateCollection(them.WorkspaceId, name: "Secret"));
        await connection.StreamSnapshotAsync(them.WorkspaceId).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task GetDevices_lists_only_the_callers_account()
    {
        var (me, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        var devices = await connection.GetDevicesAsync();
        devices.Select(d => d.DeviceId).Should().Equal(me.DeviceId).And.NotContain(them.DeviceId);
    }

    [Fact]
    public async Task AcknowledgeSignOut_cannot_answer_another_accounts_pending_sign_out()
    {
        await using var host = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:RemoteSignOutGrace"] = "00:05:00" });
        var victim = await TestAccounts.CreateAsync(host.BaseUrl);
        var victimPhone = await TestAccounts.SignInAsync(host.BaseUrl, victim, "phone");
        var other = await TestAccounts.CreateAsync(host.BaseUrl);
        await using var victimConnection = RawHubClient.Build(host.BaseUrl, victim.Token);
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        victimConnection.On<SignOutRequest>(HubMethods.SignOutRequested, _ => requested.TrySetResult());
        await victimConnection.StartRegisteredAsync();
        await using var otherConnection = await RawHubClient.ConnectAsync(host.BaseUrl, other);

        var signOut = HubHttp.SendAsync(host.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{victim.DeviceId}", victimPhone.Token);
        await requested.Task.WaitAsync(TestTimeouts.Default);

        await otherConnection.AcknowledgeSignOutAsync().ShouldFailWithCodeAsync(ErrorCodes.NotFound);
        signOut.IsCompleted.Should().BeFalse("only the device itself can acknowledge its sign-out");
        await victimConnection.AcknowledgeSignOutAsync();
        using var response = await signOut.WaitAsync(TestTimeouts.Default);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_device_list_endpoint_lists_only_the_callers_account()
    {
        var (me, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;
        var (status, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(hub.BaseUrl, HubRoutes.Devices, me.Token);
        status.Should().Be(200);
        devices!.Select(d => d.DeviceId).Should().Equal(me.DeviceId).And.NotContain(them.DeviceId);
    }

    [Fact]
    public async Task Signing_out_another_accounts_device_answers_404_and_leaves_it_signed_in()
    {
        var (me, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;

        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{them.DeviceId}", me.Token);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.NotFound);
        (await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, them.Token)).Body!.Status.Should().Be(SessionStatuses.Active);
    }

    [Fact]
    public async Task The_current_session_and_its_renewal_are_always_the_tokens_own_device()
    {
        var (me, them, connection) = await TwoAccountsAsync();
        await using var _ = connection;

        var (_, state) = await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, me.Token);
        using var renew = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.RenewSession, me.Token);
        var renewed = await renew.Content.ReadFromJsonAsync<SessionCreated>();

        state!.DeviceId.Should().Be(me.DeviceId);
        renewed!.DeviceId.Should().Be(me.DeviceId);
        renewed.AccountId.Should().Be(me.AccountId).And.NotBe(them.AccountId);
        (await HubHttp.GetJsonAsync<SessionState>(hub.BaseUrl, HubRoutes.CurrentSession, them.Token)).Body!.Status.Should().Be(SessionStatuses.Active, "another account's session is untouched");
    }
}
