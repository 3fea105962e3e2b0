using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Redis;
using SyncHub.Testing;

namespace SyncHub.Server.Tests.Redis;

/// <summary>
/// Two hub nodes on one Redis and one key prefix: what a device does through one node reaches the devices held by the
/// other (presence, remote sign-out, the device limit, member removal).
/// </summary>
[Trait("Store", "Redis")]
public sealed class CrossNodeTests
{
    private static async Task<(HubHost A, HubHost B)> StartClusterAsync(Dictionary<string, string?>? extra = null)
    {
        var redis = await RedisServer.SharedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["SyncHub:Redis"] = redis.ConfigurationString,
            ["SyncHub:RedisPrefix"] = $"t{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var a = await HubHost.StartAsync(settings: settings);
        try
        {
            return (a, await HubHost.StartAsync(settings: settings));
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Devices_connected_to_different_nodes_see_each_other_come_online_and_go_offline()
    {
        var (a, b) = await StartClusterAsync();
        await using var _ = a;
        await using var __ = b;
        var laptop = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(b.BaseUrl, laptop, "phone");
        var updates = new ConcurrentQueue<DeviceInfo[]>();
        await using var laptopConnection = RawHubClient.Build(a.BaseUrl, laptop.Token);
        laptopConnection.On<PresenceUpdate>(HubMethods.Presence, u => updates.Enqueue(u.Devices));
        await laptopConnection.StartRegisteredAsync();

        var phoneConnection = await RawHubClient.ConnectAsync(b.BaseUrl, phone);
        await TestWait.UntilAsync(() => updates.Any(u => u.Any(d => d is { Name: "phone", Online: true })), "node b's push that the phone came online");
        updates.Last().Single(d => d.Name == "laptop").Online.Should().BeTrue("node b sees the laptop held by node a");
        var onB = await phoneConnection.GetDevicesAsync();
        onB.Select(d => (d.Name, d.Online, d.Current)).Should().BeEquivalentTo([("laptop", true, false), ("phone", true, true)]);
        var (_, onA) = await HubHttp.GetJsonAsync<DeviceInfo[]>(a.BaseUrl, HubRoutes.Devices, laptop.Token);
        onA!.Should().OnlyContain(d => d.Online);

        await phoneConnection.DisposeAsync();
        await TestWait.UntilAsync(() => updates.Last().Any(d => d is { Name: "phone", Online: false }), "the phone to go offline");
        (await laptopConnection.GetDevicesAsync()).Single(d => d.Name == "phone").Online.Should().BeFalse();
    }

    [Fact]
    public async Task A_device_held_by_a_node_whose_heartbeat_is_gone_counts_offline_on_the_others()
    {
        // Heartbeats far apart: the node does not write its connection back while the test looks.
        var (a, b) = await StartClusterAsync(new() { ["SyncHub:NodeHeartbeatInterval"] = "00:05:00", ["SyncHub:NodeTimeout"] = "00:10:00" });
        await using var _ = a;
        await using var __ = b;
        var laptop = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(b.BaseUrl, laptop, "phone");
        await using var laptopConnection = await RawHubClient.ConnectAsync(a.BaseUrl, laptop);
        // The hub registers a connection just after its handshake: wait until node b sees it.
        await EventuallyAsync(async () => (await OnlineAsync(b, phone, "laptop")) == true, "node b to see the laptop online");

        // Node a dies without closing anything (kill -9): its heartbeat key expires, here at once.
        var redis = a.Services.GetRequiredService<RedisConnection>();
        await redis.Database.KeyDeleteAsync(redis.Keys.Node(a.Services.GetRequiredService<HubNode>().Id));

        (await OnlineAsync(b, phone, "laptop")).Should().BeFalse();
    }

    [Fact]
    public async Task A_sign_out_requested_through_one_node_asks_the_device_held_by_the_other_then_disconnects_it()
    {
        // A grace far beyond the test's waits: the sign-out can only finish early through the acknowledgement on node a.
        var (a, b) = await StartClusterAsync(new() { ["SyncHub:RemoteSignOutGrace"] = "00:05:00" });
        await using var _ = a;
        await using var __ = b;
        var laptop = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(b.BaseUrl, laptop, "phone");
        await using var connection = RawHubClient.Build(a.BaseUrl, laptop.Token);
        var requested = new TaskCompletionSource<SignOutRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<SignOutRequest>(HubMethods.SignOutRequested, r => requested.TrySetResult(r));
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync().WaitAsync(TestTimeouts.Default);
        await connection.SubscribeAsync(laptop.WorkspaceId);

        var signOut = HubHttp.SendAsync(b.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{laptop.DeviceId}", phone.Token);
        var request = await requested.Task.WaitAsync(TestTimeouts.Default);

        request.RequestedBy.Should().Be(phone.DeviceId);
        request.RequestedByName.Should().Be("phone");
        request.GraceMilliseconds.Should().Be(300_000);
        signOut.IsCompleted.Should().BeFalse("node b waits for the acknowledgement that arrives at node a");
        (await connection.MutateOneAsync(TestMutations.CreateCollection(laptop.WorkspaceId, "last-edit"))).Status
            .Should().Be(MutationStatuses.Applied, "the device may still send its outbox");
        await connection.AcknowledgeSignOutAsync();

        using var response = await signOut.WaitAsync(TestTimeouts.Default);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await closed.Task.WaitAsync(TestTimeouts.Default);
        foreach (var node in new[] { a, b })
        {
            var (status, state) = await HubHttp.GetJsonAsync<SessionState>(node.BaseUrl, HubRoutes.CurrentSession, laptop.Token);
            status.Should().Be(401);
            state!.Status.Should().Be(SessionStatuses.Revoked);
            state.RevokedBy.Should().Be(phone.DeviceId);
            var refused = await FluentActions.Awaiting(() => RawHubClient.ConnectAsync(node.BaseUrl, laptop)).Should().ThrowAsync<HttpRequestException>();
            refused.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        var (_, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(a.BaseUrl, HubRoutes.Devices, phone.Token);
        devices!.Select(d => d.DeviceId).Should().Equal(phone.DeviceId);
    }

    [Fact]
    public async Task Once_a_sign_out_through_one_node_answers_the_device_held_by_the_other_is_refused_at_its_next_call()
    {
        var (a, b) = await StartClusterAsync(new() { ["SyncHub:RemoteSignOutGrace"] = "00:00:00" });
        await using var _ = a;
        await using var __ = b;
        var laptop = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(b.BaseUrl, laptop, "phone");
        // Reconnecting would only be refused; the connection's own state is what is checked.
        await using var connection = await RawHubClient.ConnectAsync(a.BaseUrl, laptop);

        using var response = await HubHttp.SendAsync(b.BaseUrl, HttpMethod.Delete, $"{HubRoutes.Devices}/{laptop.DeviceId}", phone.Token);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        // No wait: node b answered only after node a confirmed the revocation, which refuses the call or has closed the connection.
        await FluentActions.Awaiting(() => connection.GetChangesAsync(laptop.WorkspaceId, 0, 10)).Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task The_device_limit_counts_the_devices_signed_in_through_every_node()
    {
        var (a, b) = await StartClusterAsync(new() { ["SyncHub:MaxDevicesPerAccount"] = 3.ToString(CultureInfo.InvariantCulture) });
        await using var _ = a;
        await using var __ = b;
        var first = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "first");
        await TestAccounts.SignInAsync(a.BaseUrl, first, "second");
        await TestAccounts.SignInAsync(b.BaseUrl, first, "third");

        foreach (var node in new[] { a, b })
        {
            using var response = await TestAccounts.PostAsync(node.BaseUrl, HubRoutes.Sessions, new SignInRequest(first.Username, first.Password, "fourth"));
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            var body = await response.Content.ReadFromJsonAsync<DeviceLimitResponse>();
            body!.Code.Should().Be(ErrorCodes.DeviceLimit);
            body.Devices.Select(d => d.Name).Should().BeEquivalentTo(["first", "second", "third"]);
        }
    }

    [Fact]
    public async Task A_member_removed_through_one_node_stops_getting_the_workspace_changes_on_the_other_at_once()
    {
        var (a, b) = await StartClusterAsync();
        await using var _ = a;
        await using var __ = b;
        var owner = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "owner");
        var member = await TestAccounts.CreateAsync(a.BaseUrl, deviceName: "member");
        var team = await TestWorkspaces.CreateAsync(a.BaseUrl, owner);
        await TestWorkspaces.AddMemberAsync(a.BaseUrl, owner, team.WorkspaceId, member);
        var memberPhone = await TestAccounts.SignInAsync(a.BaseUrl, member, "phone");
        await using var ownerConnection = await RawHubClient.ConnectAsync(a.BaseUrl, owner);
        await using var phoneConnection = await RawHubClient.ConnectAsync(a.BaseUrl, memberPhone);
        await using var memberConnection = await RawHubClient.ConnectAsync(b.BaseUrl, member);
        using var memberPushes = new ChangesRecorder(memberConnection);
        await memberConnection.SubscribeAsync(member.WorkspaceId, team.WorkspaceId);
        var before = await ownerConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId, name: "Before"));
        await memberPushes.WaitForSeqAsync(team.WorkspaceId, before.Seq);

        await TestWorkspaces.RemoveMemberAsync(a.BaseUrl, owner, team.WorkspaceId, member.AccountId);
        var afterRemoval = await ownerConnection.MutateOneAsync(TestMutations.CreateCollection(team.WorkspaceId, name: "After"));
        // Node a publishes pushes in commit order and node b hands them on in order: once the marker (committed after
        // the owner's change, on node a) arrives on node b, the owner's change would have arrived before it.
        var marker = await phoneConnection.MutateOneAsync(TestMutations.CreateCollection(member.WorkspaceId, name: "Marker"));
        await memberPushes.WaitForSeqAsync(member.WorkspaceId, marker.Seq);

        memberPushes.Pushes.Where(p => p.WorkspaceId == team.WorkspaceId).SelectMany(p => p.Changes).Should().NotContain(c => c.Seq >= afterRemoval.Seq);
        await memberConnection.GetChangesAsync(team.WorkspaceId, 0, 10).ShouldFailWithCodeAsync(ErrorCodes.Forbidden);
    }

    private static async Task<bool?> OnlineAsync(HubHost node, TestSession caller, string deviceName)
    {
        var (_, devices) = await HubHttp.GetJsonAsync<DeviceInfo[]>(node.BaseUrl, HubRoutes.Devices, caller.Token);
        return devices?.SingleOrDefault(d => d.Name == deviceName)?.Online;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (!await condition().WaitAsync(TestTimeouts.Default))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {TestTimeouts.Default} for {what}.");
            await Task.Delay(10);
        }
    }
}
