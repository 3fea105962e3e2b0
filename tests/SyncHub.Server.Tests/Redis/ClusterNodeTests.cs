using System.Net;
using System.Net.Http.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Health;
using SyncHub.Testing;

namespace SyncHub.Server.Tests.Redis;

/// <summary>
/// Two in-process hub nodes on one Redis and one key prefix: what only cluster mode has to get right — limits and
/// uniqueness held in Redis across nodes, pushes across the backplane, and a node that keeps running while Redis is away.
/// </summary>
[Trait("Store", "Redis")]
public sealed class ClusterNodeTests
{
    [Fact]
    public async Task Concurrent_sign_ins_of_one_account_through_two_nodes_never_pass_the_device_limit()
    {
        var shared = await RedisServer.SharedAsync();
        var settings = Settings(shared, maxDevices: 3);
        await using var a = await HubHost.StartAsync(settings: settings);
        await using var b = await HubHost.StartAsync(settings: settings);
        var username = TestAccounts.NewUsername();
        using (var register = await TestAccounts.PostAsync(a.BaseUrl, HubRoutes.Accounts, new RegisterAccountRequest(username, $"{username}@example.test", TestAccounts.DefaultPassword)))
            register.StatusCode.Should().Be(HttpStatusCode.Created);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            TestAccounts.PostAsync(i % 2 == 0 ? a.BaseUrl : b.BaseUrl, HubRoutes.Sessions, new SignInRequest(username, TestAccounts.DefaultPassword, $"device {i}"))));
        try
        {
            attempts.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(3);
            attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(7);
            foreach (var refused in attempts.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var body = await refused.Content.ReadFromJsonAsync<DeviceLimitResponse>();
                body!.Code.Should().Be(ErrorCodes.DeviceLimit);
                body.Devices.Should().HaveCount(3);
            }
        }
        finally
        {
            foreach (var response in attempts) response.Dispose();
        }
    }

    [Fact]
    public async Task A_username_registered_through_one_node_is_taken_on_the_other_and_signs_in_there()
    {
        var shared = await RedisServer.SharedAsync();
        var settings = Settings(shared);
        await using var a = await HubHost.StartAsync(settings: settings);
        await using var b = await HubHost.StartAsync(settings: settings);
        var session = await TestAccounts.CreateAsync(a.BaseUrl);

        using var again = await TestAccounts.PostAsync(b.BaseUrl, HubRoutes.Accounts,
            new RegisterAccountRequest(session.Username.ToUpperInvariant(), "other@example.test", TestAccounts.DefaultPassword));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var onB = await TestAccounts.SignInAsync(b.BaseUrl, session);
        onB.AccountId.Should().Be(session.AccountId);
        onB.WorkspaceId.Should().Be(session.WorkspaceId);
    }

    [Fact]
    public async Task A_change_made_through_one_node_is_pushed_to_a_device_on_the_other()
    {
        var shared = await RedisServer.SharedAsync();
        var settings = Settings(shared);
        await using var a = await HubHost.StartAsync(settings: settings);
        await using var b = await HubHost.StartAsync(settings: settings);
        var first = await TestAccounts.CreateAsync(a.BaseUrl);
        var second = await TestAccounts.SignInAsync(b.BaseUrl, first);
        await using var onA = await RawHubClient.ConnectAsync(a.BaseUrl, first);
        await using var onB = await RawHubClient.ConnectAsync(b.BaseUrl, second);
        using var pushes = new ChangesRecorder(onB);
        await onA.SubscribeAsync(first.WorkspaceId);
        await onB.SubscribeAsync(first.WorkspaceId);

        var result = await onA.MutateOneAsync(TestMutations.CreateCollection(first.WorkspaceId, "col-1"));

        result.Status.Should().Be(MutationStatuses.Applied);
        var pushed = await pushes.WaitForSeqAsync(first.WorkspaceId, 1);
        pushed.EntityId.Should().Be("col-1");
    }

    [Fact]
    public async Task While_redis_does_not_answer_sign_in_is_503_unavailable_and_readiness_fails_then_both_recover()
    {
        await using var own = await RedisServer.StartAsync(new RedisServerOptions { AppendOnly = false });
        await using var hub = await HubHost.StartAsync(settings: Settings(own));
        var session = await TestAccounts.CreateAsync(hub.BaseUrl);

        await own.PauseAsync();
        try
        {
            using var signIn = await TestAccounts.PostAsync(hub.BaseUrl, HubRoutes.Sessions, new SignInRequest(session.Username, session.Password, "during"));
            signIn.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await signIn.Content.ReadFromJsonAsync<ErrorResponse>())!.Code.Should().Be(ErrorCodes.Unavailable);
            using var ready = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, SyncHubHealth.ReadyPath, token: null);
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ready.Content.ReadAsStringAsync()).Should().Contain("redis");
            using var live = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, SyncHubHealth.LivePath, token: null);
            live.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await own.ResumeAsync();
        }

        await TestWait.UntilAsync(async () =>
        {
            using var ready = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, SyncHubHealth.ReadyPath, token: null);
            return ready.StatusCode == HttpStatusCode.OK;
        }, "readiness to recover once Redis answers");
        (await TestAccounts.SignInAsync(hub.BaseUrl, session)).AccountId.Should().Be(session.AccountId);
    }

    private static Dictionary<string, string?> Settings(RedisServer redis, int maxDevices = 10) => new()
    {
        ["SyncHub:Redis"] = redis.ConfigurationString,
        ["SyncHub:RedisPrefix"] = $"n{Guid.NewGuid():N}",
        ["SyncHub:MaxDevicesPerAccount"] = maxDevices.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
