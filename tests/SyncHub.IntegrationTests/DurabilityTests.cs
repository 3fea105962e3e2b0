using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Killing_the_hub_process_right_after_an_acknowledgement_loses_nothing()
    {
        var url = TestDevice.FreeLoopbackUrl();
        await using var hub = await HubProcess.StartAsync(settings: new Dictionary<string, string?> { ["urls"] = url.ToString().TrimEnd('/') });
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account);

        var ids = new List<string> { await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Durable")) };
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await device.Client.CreateAsync(EntityKinds.Request, ids[0], Request($"r{i}")));
        }
        await device.Client.UpdateAsync(ids[0], Named("Durable v2"));
        await device.InSyncAsync(); // every change acknowledged

        hub.Kill();
        hub.HasExited.Should().BeTrue();
        await hub.RestartAsync();

        await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "after the crash");
        await fresh.UntilAsync(c => c.GetEntities().Count == ids.Count && c.GetEntity(ids[0])?.Version == 2, "a fresh device to see every acknowledged change");
        fresh.Client.GetEntities().Select(e => e.Id).Should().BeEquivalentTo(ids);
        fresh.Client.GetEntity(ids[0])!.Body.Should().Be(Named("Durable v2"));

        // The device that wrote them reconnects on its own and has nothing left to send.
        await device.InSyncAsync(TimeSpan.FromSeconds(60));
    }
}
