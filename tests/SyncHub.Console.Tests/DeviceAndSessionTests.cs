using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class DeviceAndSessionTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-devices");
    private HubHost _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxDevicesPerAccount"] = "3" }).WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Devices_lists_the_signed_in_devices_with_this_one_marked()
    {
        var laptop = Device("list-laptop");
        var phone = Device("list-phone");
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await phone.SignInAsync(username, device: "phone");
        var laptopId = await DeviceIdAsync(laptop);
        var phoneId = await DeviceIdAsync(phone);

        var json = await laptop.RunAsync("devices", "--json");

        json.ExitCode.Should().Be(0, json.ToString());
        using (var doc = JsonDocument.Parse(json.Out))
        {
            var devices = doc.RootElement.EnumerateArray().ToList();
            devices.Select(d => (d.GetProperty("deviceId").GetString(), d.GetProperty("name").GetString(), d.GetProperty("current").GetBoolean()))
                .Should().BeEquivalentTo([(laptopId, "laptop", true), (phoneId, "phone", false)]);
            foreach (var device in devices)
            {
                device.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["deviceId", "name", "signedInAt", "lastSeenAt", "online", "current"]);
                DateTimeOffset.Parse(device.GetProperty("signedInAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                    .Should().BeAfter(DateTimeOffset.UtcNow.AddHours(-1));
            }
        }

        var table = await laptop.RunAsync("devices");
        table.ExitCode.Should().Be(0, table.ToString());
        var laptopLine = table.OutLines.Single(l => l.Contains(laptopId, StringComparison.Ordinal));
        laptopLine.Should().Contain("laptop").And.Contain("this device");
        var phoneLine = table.OutLines.Single(l => l.Contains(phoneId, StringComparison.Ordinal));
        phoneLine.Should().Contain("phone").And.NotContain("this device");

        // The phone sees the same two, itself marked.
        var fromPhone = await phone.RunAsync("devices");
        fromPhone.OutLines.Single(l => l.Contains(phoneId, StringComparison.Ordinal)).Should().Contain("this device");
    }

    [Fact]
    public async Task Devices_rm_signs_the_other_profiles_out_and_their_next_status_or_sync_says_so()
    {
        var laptop = Device("rm-laptop");
        var phone = Device("rm-phone");
        var tablet = Device("rm-tablet");
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await phone.SignInAsync(username, device: "phone");
        await tablet.SignInAsync(username, device: "tablet");
        var laptopId = await DeviceIdAsync(laptop);
        var phoneId = await DeviceIdAsync(phone);
        var tabletId = await DeviceIdAsync(tablet);
        await laptop.AddAsync("collection", "Shared");
        await phone.SyncAsync();

        var self = await laptop.RunAsync("devices", "rm", laptopId);
        self.ExitCode.Should().Be(1, self.ToString());
        self.Err.Should().Contain("logout", "signing this device out is what logout is for");

        foreach (var id in new[] { phoneId, tabletId })
        {
            var rm = await laptop.RunAsync("devices", "rm", id);
            rm.ExitCode.Should().Be(0, rm.ToString());
            rm.Err.Should().Contain(id);
        }
        var unknown = await laptop.RunAsync("devices", "rm", phoneId);
        unknown.ExitCode.Should().Be(1, unknown.ToString());
        unknown.Err.Should().Contain($"error: {ErrorCodes.NotFound}: ");

        var left = await laptop.RunAsync("devices", "--json");
        using (var doc = JsonDocument.Parse(left.Out))
            doc.RootElement.EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()).Should().Equal(laptopId);

        // The phone learns it on its next connection: status reports the sign-out, and the synced copy is gone.
        var status = await phone.RunAsync("status", "--json");
        status.ExitCode.Should().Be(0, status.ToString());
        using (var doc = JsonDocument.Parse(status.Out))
        {
            doc.RootElement.GetProperty("signedIn").GetBoolean().Should().BeFalse(status.ToString());
            doc.RootElement.GetProperty("errorCode").GetString().Should().Be(ErrorCodes.SignedOut, status.ToString());
            // Which device did it: the library names it as the hub's SessionState does (revokedBy), by id or name.
            doc.RootElement.GetProperty("errorMessage").GetString().Should().Contain("signed out from '")
                .And.Match(m => m.Contains(laptopId, StringComparison.Ordinal) || m.Contains("'laptop'", StringComparison.Ordinal));
        }
        var phoneLs = await phone.RunAsync("ls", "--json");
        phoneLs.ExitCode.Should().Be(0, phoneLs.ToString());
        phoneLs.Out.Trim().Should().Be("[]", "the synced data is gone; what is left is the empty Scratch Pad");
        phoneLs.Err.Should().Contain("Not signed in");

        // The tablet learns it from sync.
        var sync = await tablet.RunAsync("sync", "--timeout", "20");
        sync.ExitCode.Should().Be(1, sync.ToString());
        sync.Err.Should().Contain($"error: {ErrorCodes.SignedOut}: ");
        (await tablet.RunAsync("status", "--local")).Out.Should().Contain("signed out");
    }

    [Fact]
    public async Task A_fourth_login_exits_1_with_device_limit_and_the_devices_and_replace_signs_one_out()
    {
        var first = Device("limit-1");
        var username = await Hub.RegisterAsync(first);
        await first.SignInAsync(username, device: "first");
        var second = Device("limit-2");
        await second.SignInAsync(username, device: "second");
        var third = Device("limit-3");
        await third.SignInAsync(username, device: "third");
        var ids = new[] { await DeviceIdAsync(first), await DeviceIdAsync(second), await DeviceIdAsync(third) };
        var fourth = Device("limit-4");

        var refused = await fourth.RunAsync("login", username, TestAccounts.DefaultPassword, "--device", "fourth");

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Out.Should().BeEmpty();
        refused.Err.Should().Contain($"error: {ErrorCodes.DeviceLimit}: ").And.Contain("--replace");
        foreach (var (id, name) in ids.Zip(["first", "second", "third"]))
            refused.Err.Split('\n').Should().Contain(l => l.Contains(id, StringComparison.Ordinal) && l.Contains(name, StringComparison.Ordinal), refused.ToString());
        refused.Err.Should().NotContain(TestAccounts.DefaultPassword);
        (await fourth.RunAsync("status", "--json", "--local")).Out.Should().Contain("\"signedIn\": false");

        var replaced = await fourth.RunAsync("login", username, TestAccounts.DefaultPassword, "--device", "fourth", "--replace", ids[0]);

        replaced.ExitCode.Should().Be(0, replaced.ToString());
        var devices = await fourth.RunAsync("devices", "--json");
        using (var doc = JsonDocument.Parse(devices.Out))
        {
            doc.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).Should().BeEquivalentTo(["second", "third", "fourth"]);
        }
        var firstSync = await first.RunAsync("sync", "--timeout", "20");
        firstSync.ExitCode.Should().Be(1, firstSync.ToString());
        firstSync.Err.Should().Contain($"error: {ErrorCodes.SignedOut}: ");
    }

    [Fact]
    public async Task Logout_with_the_hub_down_refuses_with_the_count_and_force_saves_the_edits_to_a_file()
    {
        var data = Path.Combine(_temp.Path, "logout-hub");
        Directory.CreateDirectory(data);
        var hub = await Hub.StartAsync(data);
        var device = Device("logout");
        device.Server = hub.BaseUrl;
        string collectionId;
        try
        {
            await device.SignInAsync(await Hub.RegisterAsync(device));
            collectionId = await device.AddAsync("collection", "Delivered");
        }
        finally
        {
            await hub.DisposeAsync();
        }
        var requestId = await device.AddAsync("request", collectionId, "Unsent request", "--url", "https://unsent.test/");
        (await device.RunAsync("rename", collectionId, "Renamed offline")).ExitCode.Should().Be(0);

        var refused = await device.RunAsync("logout");

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Err.Should().Contain($"error: {ErrorCodes.UnsentChanges}: ").And.Contain("2").And.Contain("--force");
        using (var doc = JsonDocument.Parse((await device.RunAsync("status", "--json", "--local")).Out))
        {
            doc.RootElement.GetProperty("signedIn").GetBoolean().Should().BeTrue("a refused logout changes nothing");
            doc.RootElement.GetProperty("pending").GetInt32().Should().Be(2);
        }

        var forced = await device.RunAsync("logout", "--force");

        forced.ExitCode.Should().Be(0, forced.ToString());
        forced.OutLines.Should().ContainSingle(forced.ToString());
        var file = forced.OutLines[0];
        forced.Err.Should().Contain(file).And.Contain("2 unsent changes");
        Path.GetDirectoryName(Path.GetFullPath(file)).Should().Be(Path.GetFullPath(device.ProfileDirectory));
        File.Exists(file).Should().BeTrue();
        var saved = await File.ReadAllTextAsync(file);
        using (JsonDocument.Parse(saved)) { }
        saved.Should().Contain(requestId).And.Contain("Unsent request").And.Contain("Renamed offline");
        using (var doc = JsonDocument.Parse((await device.RunAsync("status", "--json", "--local")).Out))
        {
            doc.RootElement.GetProperty("signedIn").GetBoolean().Should().BeFalse();
            doc.RootElement.GetProperty("pending").GetInt32().Should().Be(0);
        }
    }

    [Fact]
    public async Task Reload_fetches_everything_and_exits_0_in_sync()
    {
        var laptop = Device("reload-laptop");
        var desktop = Device("reload-desktop");
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await desktop.SignInAsync(username, device: "desktop");
        var collectionId = await desktop.AddAsync("collection", "From the desktop");
        await desktop.AddAsync("request", collectionId, "Inside");

        var reload = await laptop.RunAsync("reload", "--timeout", "20");

        reload.ExitCode.Should().Be(0, reload.ToString());
        reload.Err.Should().Contain("Reloaded").And.Contain("2 items");
        var ls = await laptop.RunAsync("ls", "--json");
        ls.Out.Should().Contain("From the desktop").And.Contain("Inside");
    }

    [Fact]
    public async Task Watch_shows_presence_changes_and_ends_with_a_remote_sign_out()
    {
        var watcher = Device("watch-watcher");
        var phone = Device("watch-phone");
        var username = await Hub.RegisterAsync(watcher);
        await watcher.SignInAsync(username, device: "watcher");
        await phone.SignInAsync(username, device: "phone");
        var watcherId = await DeviceIdAsync(watcher);

        using var output = new ObservableWriter();
        using var error = new ObservableWriter();
        using var stop = new CancellationTokenSource();
        var watching = watcher.StartAsync(output, error, stop.Token, "watch");
        try
        {
            await output.WaitForAsync(text => text.Contains("2 devices signed in", StringComparison.Ordinal), TestTimeouts.Default);

            // The phone connects for its sync and leaves again.
            await phone.SyncAsync();
            await output.WaitForAsync(text => text.Contains("'phone'", StringComparison.Ordinal) && text.Contains("offline", StringComparison.Ordinal), TestTimeouts.Default);

            var rm = await phone.RunAsync("devices", "rm", watcherId);
            rm.ExitCode.Should().Be(0, rm.ToString());

            (await watching.WaitAsync(TestTimeouts.Default)).Should().Be(1, output.Text + error.Text);
            error.Text.Should().Contain($"error: {ErrorCodes.SignedOut}: ").And.Contain("phone");
        }
        finally
        {
            await stop.CancelAsync();
            await watching.WaitAsync(TestTimeouts.Default);
        }
    }

    private Synchub Device(string name) => new(Path.Combine(_temp.Path, name), _hub.BaseUrl);

    private static async Task<string> DeviceIdAsync(Synchub device)
    {
        var run = await device.RunAsync("status", "--json", "--local");
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.GetProperty("deviceId").GetString()!;
    }
}
