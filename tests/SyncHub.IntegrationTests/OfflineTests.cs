using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

public sealed class OfflineTests
{
    private static Dictionary<string, string?> FixedAddress(Uri url) => new() { ["urls"] = url.ToString().TrimEnd('/') };

    [Fact]
    public async Task Edits_made_while_the_hub_is_stopped_are_sent_when_it_is_back()
    {
        var url = TestDevice.FreeLoopbackUrl();
        await using var hub = await HubHost.StartAsync(settings: FixedAddress(url));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account);
        var collection = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Before"));
        await device.InSyncAsync();

        await hub.StopAsync();
        await device.StatusAsync(s => s.State == SyncState.Connecting, "the device to notice the hub is gone");

        var request = await device.Client.CreateAsync(EntityKinds.Request, collection, Request("Offline request"));
        await device.Client.UpdateAsync(collection, Named("Renamed offline"));
        device.Client.GetEntity(request).Should().NotBeNull("a local edit is visible at once");
        device.Client.GetOutbox().Should().HaveCount(2);
        device.Client.Status.PendingChanges.Should().Be(2);
        device.Client.State.Should().Be(SyncState.Connecting);

        await hub.RestartAsync();
        hub.BaseUrl.Should().Be(url);
        await device.InSyncAsync(TimeSpan.FromSeconds(60));
        device.Client.GetOutbox().Should().BeEmpty();

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
        await fresh.UntilAsync(c => c.GetEntity(request) is not null && c.GetEntity(collection)?.Body == Named("Renamed offline"),
            "a fresh device to see the offline edits");
    }

    [Fact]
    public async Task A_client_started_without_a_reachable_hub_keeps_connecting_and_flushes_when_it_appears()
    {
        var url = TestDevice.FreeLoopbackUrl();
        await using var hub = await HubHost.StartAsync(settings: FixedAddress(url));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false);
        await hub.StopAsync();

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        var collection = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Made offline"));
        await device.StatusAsync(s => s is { State: SyncState.Connecting, ErrorCode: ErrorCodes.Unreachable }, "the engine to report it cannot reach the hub");
        device.Client.Status.PendingChanges.Should().Be(1);

        await hub.RestartAsync();
        await device.InSyncAsync(TimeSpan.FromSeconds(60));

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
        await fresh.UntilAsync(c => c.GetEntity(collection) is not null, "a fresh device to see the edit");
    }

    [Fact]
    public async Task A_profile_survives_an_app_restart_and_its_outbox_flushes()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false);
        var collection = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Kept"));
        var request = await device.Client.CreateAsync(EntityKinds.Request, collection, Request("Kept request"));
        await device.Client.UpdateAsync(request, Request("Kept request v2"));

        await device.ReopenAsync(hub.BaseUrl);

        device.Client.Session.Should().NotBeNull();
        device.Client.GetOutbox().Select(p => p.EntityId).Should().Equal(collection, request, request);
        device.Client.GetEntity(request)!.Body.Should().Be(Request("Kept request v2"));
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
        await fresh.UntilAsync(c => c.GetEntity(request)?.Body == Request("Kept request v2"), "a fresh device to see the flushed outbox");
        fresh.Client.GetEntity(request)!.Version.Should().Be(2);
    }
}
