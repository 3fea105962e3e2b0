using System.Net;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

/// <summary>Issue 3 against the real hub: device limit, remote sign-out, sign-out, presence, expiry.</summary>
public sealed class DevicesAndSessionsTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    [Fact]
    public async Task A_fourth_device_is_refused_with_the_signed_in_devices_and_can_sign_in_replacing_one()
    {
        await using var hub = await HubHost.StartAsync(settings: Settings(("SyncHub:MaxDevicesPerAccount", "3")));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "first");
        await using var two = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "two");
        await using var three = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "three");
        await two.InSyncAsync();
        await using var four = await TestDevice.OpenAsync(hub.BaseUrl);

        var refused = await FluentActions.Awaiting(() => four.Client.SignInAsync(account.Username, account.Password, "four").WaitAsync(TestTimeouts.Default))
            .Should().ThrowAsync<DeviceLimitException>();

        refused.Which.Code.Should().Be(ErrorCodes.DeviceLimit);
        refused.Which.MaxDevices.Should().Be(3);
        refused.Which.Devices.Select(d => d.Name).Should().BeEquivalentTo(["first", "two", "three"]);
        refused.Which.Devices.Single(d => d.Name == "two").Online.Should().BeTrue();
        four.Client.Status.State.Should().Be(SyncState.Error);
        four.Client.Status.ErrorCode.Should().Be(ErrorCodes.DeviceLimit);
        four.Client.Status.ErrorMessage.Should().Contain("two").And.Contain("three");
        four.Client.Session.Should().BeNull();

        var replaced = refused.Which.Devices.Single(d => d.Name == "two").DeviceId;
        var session = await four.Client.SignInAsync(account.Username, account.Password, "four", replaceDeviceId: replaced).WaitAsync(TestTimeouts.Default);
        session.DeviceId.Should().NotBe(replaced);
        await four.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await four.InSyncAsync();
        await two.StatusAsync(s => s is { State: SyncState.Offline, ErrorCode: ErrorCodes.SignedOut }, "the replaced device to be signed out");
        (await four.Client.GetDevicesAsync().WaitAsync(TestTimeouts.Default)).Select(d => d.Name).Should().BeEquivalentTo(["first", "three", "four"]);
    }

    [Fact]
    public async Task A_device_signed_out_remotely_while_online_first_sends_its_outbox_then_wipes_and_says_who()
    {
        // A long grace: the hub goes on at once only if the device acknowledges, so a client that never does times the test out.
        await using var hub = await HubHost.StartAsync(settings: Settings(("SyncHub:RemoteSignOutGrace", "00:01:00")));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var laptop = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "laptop", configure: o => o.MaxBatchSize = 1);
        await using var phone = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "phone");
        await laptop.InSyncAsync();
        var oldToken = SessionProbe.StoredToken(laptop.ProfileDirectory)!;
        using var laptopStates = new StatusRecorder(laptop.Client);

        // Edits made just before the sign-out, still draining one per call when the request arrives.
        var collection = await laptop.Client.CreateAsync(EntityKinds.Collection, null, Named("Made on the laptop"));
        var ids = new List<string> { collection };
        for (var i = 0; i < 60; i++)
            ids.Add(await laptop.Client.CreateAsync(EntityKinds.Request, collection, Request($"r{i}")));
        await phone.Client.SignOutDeviceAsync(laptop.Client.Session!.DeviceId).WaitAsync(TestTimeouts.Default);

        await laptop.StatusAsync(s => s is { State: SyncState.Offline, ErrorCode: ErrorCodes.SignedOut }, "the laptop to be signed out");
        laptop.Client.Status.ErrorMessage.Should().Contain("This device was signed out from 'phone'.");
        laptop.Client.LastRemoteSignOut.Should().Be(new SignOutResult(0, null), "the outbox was sent before the sign-out");
        laptopStates.Seen.Should().Contain(s => s.State == SyncState.Error && s.ErrorCode == ErrorCodes.SignedOut, "Error comes before Offline");
        laptop.Client.Session.Should().BeNull();
        laptop.Client.GetEntities().Should().BeEmpty();
        SessionProbe.StoredToken(laptop.ProfileDirectory).Should().BeNull();
        (await SessionProbe.GetStatusAsync(hub.BaseUrl, HubRoutes.Devices, oldToken)).Should().Be(HttpStatusCode.Unauthorized);

        await phone.UntilAsync(c => ids.All(id => c.GetEntity(id) is not null), "every edit of the laptop to reach the phone");
        (await phone.Client.GetDevicesAsync().WaitAsync(TestTimeouts.Default)).Select(d => d.Name).Should().NotContain("laptop");
    }

    [Fact]
    public async Task A_device_signed_out_while_stopped_saves_its_unsent_edits_to_a_file_when_it_next_starts()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var laptop = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "laptop");
        await using var phone = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "phone");
        var synced = await laptop.Client.CreateAsync(EntityKinds.Collection, null, Named("Synced"));
        await laptop.InSyncAsync();
        await laptop.Client.StopAsync().WaitAsync(TestTimeouts.Default);
        await laptop.Client.UpdateAsync(synced, Named("Renamed while away"));
        await laptop.Client.CreateAsync(EntityKinds.Collection, null, Named("Made while away"));
        var laptopId = laptop.Client.Session!.DeviceId;

        await phone.Client.SignOutDeviceAsync(laptopId).WaitAsync(TestTimeouts.Default);
        await laptop.Client.StartAsync().WaitAsync(TestTimeouts.Default);

        await laptop.StatusAsync(s => s is { State: SyncState.Offline, ErrorCode: ErrorCodes.SignedOut }, "the laptop to learn it was signed out");
        var result = laptop.Client.LastRemoteSignOut;
        result.Should().NotBeNull();
        result!.UnsentChanges.Should().Be(2);
        result.SavedTo.Should().NotBeNull();
        Path.GetDirectoryName(result.SavedTo).Should().Be(Path.GetFullPath(laptop.ProfileDirectory));
        laptop.Client.Status.ErrorMessage.Should().Contain("phone").And.Contain(result.SavedTo!);
        var saved = await File.ReadAllTextAsync(result.SavedTo!);
        saved.Should().Contain("Renamed while away").And.Contain("Made while away");
        laptop.Client.GetEntities().Should().BeEmpty();
        laptop.Client.Session.Should().BeNull();
    }

    [Fact]
    public async Task Sign_out_sends_the_outbox_first_revokes_the_token_and_wipes_the_account()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var laptop = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "laptop", start: false);
        await using var phone = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "phone");
        var id = await laptop.Client.CreateAsync(EntityKinds.Collection, null, Named("Last edit before sign-out"));
        var token = SessionProbe.StoredToken(laptop.ProfileDirectory)!;
        (await SessionProbe.GetStatusAsync(hub.BaseUrl, HubRoutes.CurrentSession, token)).Should().Be(HttpStatusCode.OK);

        var result = await laptop.Client.SignOutAsync().WaitAsync(TestTimeouts.Default);

        result.Should().Be(new SignOutResult(0, null));
        laptop.Client.State.Should().Be(SyncState.Offline);
        laptop.Client.Session.Should().BeNull();
        laptop.Client.GetEntities().Should().BeEmpty();
        laptop.Client.GetOutbox().Should().BeEmpty();
        (await SessionProbe.GetStatusAsync(hub.BaseUrl, HubRoutes.CurrentSession, token)).Should().Be(HttpStatusCode.Unauthorized, "the token was revoked");
        await phone.UntilAsync(c => c.GetEntity(id) is not null, "the edit made before signing out to reach the other device");
    }

    [Fact]
    public async Task Presence_shows_which_devices_are_online_and_changes_live()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var laptop = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "laptop");
        await laptop.InSyncAsync();
        var events = 0;
        laptop.Client.PresenceChanged += (_, _) => Interlocked.Increment(ref events);

        await using var phone = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "phone");
        await TestWait.UntilAsync(() => laptop.Client.Devices.Any(d => d is { Name: "phone", Online: true }), "the laptop to see the phone online");
        laptop.Client.Devices.Single(d => d.Current).Name.Should().Be("laptop");
        await TestWait.UntilAsync(() => phone.Client.Devices.Any(d => d is { Name: "laptop", Online: true, Current: false }), "the phone to see the laptop");

        await phone.Client.StopAsync().WaitAsync(TestTimeouts.Default);
        await TestWait.UntilAsync(() => laptop.Client.Devices.Any(d => d is { Name: "phone", Online: false }), "the laptop to see the phone go offline");
        Volatile.Read(ref events).Should().BeGreaterThanOrEqualTo(2, "PresenceChanged fired for the connect and the disconnect");
    }

    [Fact]
    public async Task An_expired_sign_in_shows_unauthorized_then_offline_and_keeps_unsent_edits_in_a_file()
    {
        await using var hub = await HubHost.StartAsync(settings: Settings(("SyncHub:TokenLifetime", "00:00:02")));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false);
        await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Made before it expired"));
        using var states = new StatusRecorder(device.Client);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the hub's clock must pass the expiry; the client was not running to renew

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);

        await device.StatusAsync(s => s is { State: SyncState.Offline, ErrorCode: ErrorCodes.Unauthorized }, "Offline after the expired sign-in");
        states.Seen.Should().Contain(s => s.State == SyncState.Error && s.ErrorCode == ErrorCodes.Unauthorized);
        device.Client.Status.ErrorMessage.Should().Contain("expired");
        device.Client.LastRemoteSignOut!.SavedTo.Should().NotBeNull();
        (await File.ReadAllTextAsync(device.Client.LastRemoteSignOut.SavedTo!)).Should().Contain("Made before it expired");
    }
}
