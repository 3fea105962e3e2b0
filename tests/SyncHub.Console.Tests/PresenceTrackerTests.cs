using SyncHub.ConsoleClient.Internal;
using SyncHub.Protocol.Http;

namespace SyncHub.Console.Tests;

public sealed class PresenceTrackerTests
{
    [Fact]
    public void The_first_update_lists_every_device_and_later_ones_only_what_changed()
    {
        var tracker = new PresenceTracker(currentDeviceId: "d-laptop");

        var first = tracker.Update([Device("d-laptop", "laptop", online: true), Device("d-phone", "phone", online: false)]);
        first.Should().ContainSingle().Which.Should().Contain("2 devices signed in").And.Contain("laptop").And.Contain("this device").And.Contain("phone");

        tracker.Update([Device("d-laptop", "laptop", online: true), Device("d-phone", "phone", online: false)])
            .Should().BeEmpty("nothing changed");

        var online = tracker.Update([Device("d-laptop", "laptop", online: true), Device("d-phone", "phone", online: true), Device("d-tab", "tablet", online: false)]);
        online.Should().HaveCount(2);
        online.Should().Contain(l => l.Contains("'phone'", StringComparison.Ordinal) && l.Contains("online", StringComparison.Ordinal));
        online.Should().Contain(l => l.Contains("'tablet'", StringComparison.Ordinal) && l.Contains("signed in", StringComparison.Ordinal));

        var gone = tracker.Update([Device("d-laptop", "laptop", online: true), Device("d-tab", "tablet", online: false)]);
        gone.Should().ContainSingle().Which.Should().Contain("'phone'").And.Contain("signed out");
    }

    private static DeviceInfo Device(string id, string name, bool online) =>
        new() { DeviceId = id, Name = name, Online = online, SignedInAt = 1, LastSeenAt = 2 };
}
