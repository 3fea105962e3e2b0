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
        await using var run = await LostPushRun.StartAsync();

        var lost = await run.Writer.Client.CreateAsync(EntityKinds.Collection, null, Named("lost"));
        await run.Writer.InSyncAsync();
        var after = await run.Writer.Client.CreateAsync(EntityKinds.Collection, null, Named("after"));
        await run.Writer.InSyncAsync();

        await run.Reader.UntilAsync(c => c.GetEntity(lost) is not null && c.GetEntity(after) is not null,
            "the reader to pull the change whose push was lost");
        run.Dropped.Should().Be(1, "the hub really lost one push");
        run.Reconnects.Should().Be(0, "the gap is filled by a pull, not by reconnecting");
        run.Reader.Client.State.Should().Be(SyncState.Online);
    }

    [Fact]
    public async Task A_lost_push_followed_only_by_the_devices_own_change_is_pulled_too()
    {
        // Nothing is pushed after the lost change except the reader's own acknowledgement, one seq further: the gap
        // shows only in that acknowledgement, as after a node or Redis failing between a commit and its push.
        await using var run = await LostPushRun.StartAsync();

        var lost = await run.Writer.Client.CreateAsync(EntityKinds.Collection, null, Named("lost"));
        await run.Writer.InSyncAsync();
        await run.UntilDroppedAsync();
        var own = await run.Reader.Client.CreateAsync(EntityKinds.Collection, null, Named("own"));

        await run.Reader.UntilAsync(c => c.GetEntity(lost) is not null && c.GetEntity(own) is { HasPendingChanges: false },
            "the reader to pull the change before its own acknowledged one");
        await run.Reader.InSyncAsync();
    }

    [Fact]
    public async Task A_lost_push_with_nothing_after_it_is_pulled_once_the_device_has_heard_nothing_for_the_quiet_interval()
    {
        // No later change shows the gap: only the quiet catch-up finds it (as after the Redis backplane was down when the
        // last change of a workspace was published).
        await using var run = await LostPushRun.StartAsync(o => o.QuietCatchUpInterval = TimeSpan.FromSeconds(1));

        var lost = await run.Writer.Client.CreateAsync(EntityKinds.Collection, null, Named("lost"));
        await run.Writer.InSyncAsync();
        await run.UntilDroppedAsync();

        await run.Reader.UntilAsync(c => c.GetEntity(lost) is not null, "the reader to pull the change whose push was lost, with nothing after it");
        run.Reconnects.Should().Be(0, "it is pulled on the live connection");
    }

    /// <summary>A hub that loses the push of the first change named "lost", a writer and a reader of one account, both in sync.</summary>
    private sealed class LostPushRun : IAsyncDisposable
    {
        private HubHost _hub = null!;
        private int _dropped;
        private int _reconnects;

        public TestDevice Writer { get; private set; } = null!;

        public TestDevice Reader { get; private set; } = null!;

        public int Dropped => Volatile.Read(ref _dropped);

        /// <summary>How often the reader went back to Connecting since the start.</summary>
        public int Reconnects => Volatile.Read(ref _reconnects);

        public static async Task<LostPushRun> StartAsync(Action<SyncClientOptions>? reader = null)
        {
            var run = new LostPushRun();
            try
            {
                run._hub = await HubHost.StartAsync(configure: builder => DroppingChangePublisher.Install(builder,
                    push => push.Changes.Any(c => c.Body?.Contains("\"lost\"", StringComparison.Ordinal) == true) && Interlocked.Exchange(ref run._dropped, 1) == 0));
                var account = await TestAccounts.CreateAsync(run._hub.BaseUrl);
                run.Writer = await TestDevice.SignInAsync(run._hub.BaseUrl, account, deviceName: "writer");
                run.Reader = await TestDevice.SignInAsync(run._hub.BaseUrl, account, deviceName: "reader", configure: reader);
                await run.Writer.InSyncAsync();
                await run.Reader.InSyncAsync();
                run.Reader.Client.StatusChanged += (_, e) =>
                {
                    if (e.Current.State == SyncState.Connecting) Interlocked.Increment(ref run._reconnects);
                };
                return run;
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }
        }

        /// <summary>The hub answers a commit before it publishes the change (slower on the Redis backplane): wait for the drop.</summary>
        public Task UntilDroppedAsync() => TestWait.UntilAsync(() => Dropped == 1, "the hub to lose the push");

        public async ValueTask DisposeAsync()
        {
            if (Reader is not null) await Reader.DisposeAsync();
            if (Writer is not null) await Writer.DisposeAsync();
            if (_hub is not null) await _hub.DisposeAsync();
        }
    }
}
