using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

public sealed class GapDetectionTests
{
    [Fact]
    public async Task A_push_lost_on_the_way_is_recovered_through_gap_detection()
    {
        var dropped = 0;
        await using var hub = await HubHost.StartAsync(configure: builder => DroppingChangePublisher.Install(builder,
            push => push.Changes.Any(c => c.Body?.Contains("\"lost\"", StringComparison.Ordinal) == true) && Interlocked.Exchange(ref dropped, 1) == 0));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var writer = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "writer");
        await using var reader = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "reader");
        await writer.InSyncAsync();
        await reader.InSyncAsync();
        var reconnects = 0;
        reader.Client.StatusChanged += (_, e) =>
        {
            if (e.Current.State == SyncState.Connecting) Interlocked.Increment(ref reconnects);
        };

        var lost = await writer.Client.CreateAsync(EntityKinds.Collection, null, Named("lost"));
        await writer.InSyncAsync();
        var after = await writer.Client.CreateAsync(EntityKinds.Collection, null, Named("after"));
        await writer.InSyncAsync();

        await reader.UntilAsync(c => c.GetEntity(lost) is not null && c.GetEntity(after) is not null,
            "the reader to pull the change whose push was lost");
        Volatile.Read(ref dropped).Should().Be(1, "the hub really lost one push");
        Volatile.Read(ref reconnects).Should().Be(0, "the gap is filled by a pull, not by reconnecting");
        reader.Client.State.Should().Be(SyncState.Online);
    }

    [Fact]
    public async Task A_lost_push_followed_only_by_the_devices_own_change_is_pulled_too()
    {
        // Nothing is pushed after the lost change except the reader's own acknowledgement, one seq further: the gap
        // shows only in that acknowledgement, as after a node or Redis failing between a commit and its push.
        var dropped = 0;
        await using var hub = await HubHost.StartAsync(configure: builder => DroppingChangePublisher.Install(builder,
            push => push.Changes.Any(c => c.Body?.Contains("\"lost\"", StringComparison.Ordinal) == true) && Interlocked.Exchange(ref dropped, 1) == 0));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var writer = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "writer");
        await using var reader = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "reader");
        await writer.InSyncAsync();
        await reader.InSyncAsync();

        var lost = await writer.Client.CreateAsync(EntityKinds.Collection, null, Named("lost"));
        await writer.InSyncAsync();
        // The hub answers a commit before it publishes the change (slower on the Redis backplane): wait for the drop.
        await TestWait.UntilAsync(() => Volatile.Read(ref dropped) == 1, "the hub to lose the push");
        var own = await reader.Client.CreateAsync(EntityKinds.Collection, null, Named("own"));

        await reader.UntilAsync(c => c.GetEntity(lost) is not null && c.GetEntity(own) is { HasPendingChanges: false },
            "the reader to pull the change before its own acknowledged one");
        await reader.InSyncAsync();
    }

    [Fact]
    public async Task A_lost_push_with_nothing_after_it_is_pulled_once_the_device_has_heard_nothing_for_the_quiet_interval()
    {
        // No later change shows the gap: only the quiet catch-up finds it (as after the Redis backplane was down when the
        // last change of a workspace was published).
        var dropped = 0;
        await using var hub = await HubHost.StartAsync(configure: builder => DroppingChangePublisher.Install(builder,
            push => push.Changes.Any(c => c.Body?.Contains("\"lost\"", StringComparison.Ordinal) == true) && Interlocked.Exchange(ref dropped, 1) == 0));
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var writer = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "writer");
        await using var reader = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "reader",
            configure: o => o.QuietCatchUpInterval = TimeSpan.FromSeconds(1));
        await writer.InSyncAsync();
        await reader.InSyncAsync();
        var reconnects = 0;
        reader.Client.StatusChanged += (_, e) =>
        {
            if (e.Current.State == SyncState.Connecting) Interlocked.Increment(ref reconnects);
        };

        var lost = await writer.Client.CreateAsync(EntityKinds.Collection, null, Named("lost"));
        await writer.InSyncAsync();
        // The hub answers a commit before it publishes the change (slower on the Redis backplane): wait for the drop.
        await TestWait.UntilAsync(() => Volatile.Read(ref dropped) == 1, "the hub to lose the push");

        await reader.UntilAsync(c => c.GetEntity(lost) is not null, "the reader to pull the change whose push was lost, with nothing after it");
        Volatile.Read(ref reconnects).Should().Be(0, "it is pulled on the live connection");
    }
}
