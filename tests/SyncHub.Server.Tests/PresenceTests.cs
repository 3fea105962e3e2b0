using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class PresenceTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    [Fact]
    public async Task Every_connection_of_the_account_hears_devices_sign_in_come_online_go_offline_and_sign_out()
    {
        var laptop = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "laptop");
        var stranger = await TestAccounts.CreateAsync(hub.BaseUrl, deviceName: "stranger");
        var updates = new ConcurrentQueue<DeviceInfo[]>();
        var strangerUpdates = new ConcurrentQueue<DeviceInfo[]>();
        await using var watcher = RawHubClient.Build(hub.BaseUrl, laptop.Token);
        watcher.On<PresenceUpdate>(HubMethods.Presence, u => updates.Enqueue(u.Devices));
        await watcher.StartRegisteredAsync();
        await using var strangerConnection = RawHubClient.Build(hub.BaseUrl, stranger.Token);
        strangerConnection.On<PresenceUpdate>(HubMethods.Presence, u => strangerUpdates.Enqueue(u.Devices));
        await strangerConnection.StartRegisteredAsync();

        var phone = await TestAccounts.SignInAsync(hub.BaseUrl, laptop, "phone");
        await TestWait.UntilAsync(() => updates.Any(u => u.Any(d => d is { Name: "phone", Online: false })), "the phone's sign-in");
        var phoneConnection = await RawHubClient.ConnectAsync(hub.BaseUrl, phone);
        await TestWait.UntilAsync(() => updates.Any(u => u.Any(d => d is { Name: "phone", Online: true })), "the phone to come online");
        updates.Last().Single(d => d.Name == "laptop").Online.Should().BeTrue();
        await phoneConnection.DisposeAsync();
        await TestWait.UntilAsync(() => updates.Last().Any(d => d is { Name: "phone", Online: false }), "the phone to go offline");
        using (await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Delete, HubRoutes.CurrentSession, phone.Token)) { }
        await TestWait.UntilAsync(() => updates.Last().All(d => d.Name != "phone"), "the phone's sign-out");

        updates.SelectMany(u => u).Should().OnlyContain(d => !d.Current, "a push is the same for every device");
        strangerUpdates.SelectMany(u => u).Should().OnlyContain(d => d.Name == "stranger", "presence stays within the account");
    }
}
