using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

public sealed class OutboxStalledTests
{
    [Fact]
    public async Task Outbox_stalled_appears_when_the_hub_stops_answering_and_clears_after()
    {
        var gate = new StoreGate();
        await using var hub = await HubHost.StartAsync(configure: builder => GatedChangeStore.Install(builder, gate));
        try
        {
            var account = await TestAccounts.CreateAsync(hub.BaseUrl);
            await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, configure: o =>
            {
                o.OutboxStallTimeout = TimeSpan.FromSeconds(1);
                o.InvocationTimeout = TimeSpan.FromSeconds(3);
            });
            await device.InSyncAsync();

            gate.Close();
            var id = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Stuck"));
            await device.StatusAsync(s => s is { State: SyncState.Error, ErrorCode: ErrorCodes.OutboxStalled }, "outbox_stalled");

            var stalled = device.Client.Status;
            stalled.PendingChanges.Should().Be(1);
            stalled.ErrorMessage.Should().Contain("waited");
            stalled.OldestPendingAge.Should().NotBeNull();
            (await FluentActions.Awaiting(() => device.Client.WaitForInSyncAsync().WaitAsync(TestTimeouts.Default))
                .Should().ThrowAsync<SyncException>()).Which.Code.Should().Be(ErrorCodes.OutboxStalled);

            gate.Open();
            await device.StatusAsync(s => s is { State: SyncState.Online, Activity: SyncActivity.InSync, PendingChanges: 0 }, "the outbox to drain");
            device.Client.Status.ErrorCode.Should().BeNull();
            device.Client.GetEntity(id)!.Version.Should().Be(1, "every resend carried the same mutationId");

            await using var fresh = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "fresh");
            await fresh.UntilAsync(c => c.GetEntity(id) is not null, "the change to reach other devices");
            fresh.Client.GetEntities().Should().ContainSingle();
        }
        finally
        {
            gate.Open();
        }
    }
}
