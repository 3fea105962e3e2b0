using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Client.IntegrationTests.Cluster;

/// <summary>Presence over hub processes in cluster mode: a node killed with SIGKILL does not leave its devices online.</summary>
[Trait("Store", "Redis")]
public sealed class ClusterPresenceTests
{
    [Fact]
    public async Task The_devices_of_a_killed_node_go_offline_for_the_devices_on_the_other_node_once_its_heartbeat_expires()
    {
        // A short heartbeat so that the node's death shows within the test's waits.
        await using var cluster = await HubCluster.StartAsync(2, new Dictionary<string, string?>
        {
            ["SyncHub:NodeHeartbeatInterval"] = "00:00:00.200",
            ["SyncHub:NodeTimeout"] = "00:00:01",
        });
        var (a, b) = (cluster.Urls[0], cluster.Urls[1]);
        var laptop = await TestAccounts.CreateAsync(a, deviceName: "laptop");
        var phone = await TestAccounts.SignInAsync(b, laptop, "phone");
        var updates = new ConcurrentQueue<DeviceInfo[]>();
        await using var phoneConnection = RawHubClient.Build(b, phone.Token);
        phoneConnection.On<PresenceUpdate>(HubMethods.Presence, u => updates.Enqueue(u.Devices));
        await phoneConnection.StartRegisteredAsync();
        await using var laptopConnection = await RawHubClient.ConnectAsync(a, laptop);
        await TestWait.UntilAsync(() => updates.Any(u => u.Any(d => d is { Name: "laptop", Online: true })), "node a's push that the laptop came online");

        cluster.Nodes[0].Kill();

        // Nothing closed the laptop's connection on the hub's side: only the expired heartbeat can take it offline.
        await TestWait.UntilAsync(() => updates.Last().Any(d => d is { Name: "laptop", Online: false }), "node b's push that the laptop went offline");
        var devices = await phoneConnection.GetDevicesAsync();
        devices.Select(d => (d.Name, d.Online)).Should().BeEquivalentTo([("laptop", false), ("phone", true)]);
    }
}
