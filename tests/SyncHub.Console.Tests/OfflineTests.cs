using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class OfflineTests : IDisposable
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-offline");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Edits_made_while_the_hub_is_down_are_queued_and_sent_by_the_next_sync()
    {
        var data = Path.Combine(_temp.Path, "hub");
        Directory.CreateDirectory(data);
        var hub = await Hub.StartAsync(data);
        var address = hub.BaseUrl;
        var laptop = new Synchub(Path.Combine(_temp.Path, "laptop"), address);
        var phone = new Synchub(Path.Combine(_temp.Path, "phone"), address);
        try
        {
            var username = await Hub.RegisterAsync(laptop);
            await laptop.SignInAsync(username, device: "laptop");
            await phone.SignInAsync(username, device: "phone");
            var collectionId = await laptop.AddAsync("collection", "Before");
            await hub.DisposeAsync();

            // The hub is down: the edit is kept, the command still succeeds and says it is queued.
            var add = await laptop.RunAsync("add", "request", collectionId, "Offline edit", "--url", "https://x.test/");
            add.ExitCode.Should().Be(0, add.ToString());
            add.OutLines.Should().ContainSingle();
            var requestId = add.OutLines[0];
            add.Err.Should().Contain("queued");
            var rename = await laptop.RunAsync("rename", collectionId, "After");
            rename.ExitCode.Should().Be(0, rename.ToString());

            var status = await laptop.RunAsync("status", "--json");
            status.ExitCode.Should().Be(0, status.ToString());
            using (var doc = JsonDocument.Parse(status.Out))
            {
                doc.RootElement.GetProperty("signedIn").GetBoolean().Should().BeTrue();
                doc.RootElement.GetProperty("state").GetString().Should().Be("offline");
                doc.RootElement.GetProperty("pending").GetInt32().Should().Be(2);
                doc.RootElement.GetProperty("errorCode").GetString().Should().Be(ErrorCodes.Unreachable);
            }

            var failedSync = await laptop.RunAsync("sync", "--timeout", "20");
            failedSync.ExitCode.Should().Be(1, failedSync.ToString());
            failedSync.Err.Should().Contain($"error: {ErrorCodes.Unreachable}: ");

            hub = await Hub.StartAsync(data, at: address);
            hub.BaseUrl.Should().Be(address);

            await laptop.SyncAsync();
            await phone.SyncAsync();
            var ls = await phone.RunAsync("ls", "--json");
            using var listing = JsonDocument.Parse(ls.Out);
            listing.RootElement.EnumerateArray()
                .Select(i => (i.GetProperty("id").GetString(), i.GetProperty("name").GetString()))
                .Should().BeEquivalentTo([(collectionId, "After"), (requestId, "Offline edit")]);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sync_exits_1_with_the_error_when_the_hub_cannot_be_reached_and_status_says_so()
    {
        var data = Path.Combine(_temp.Path, "hub2");
        Directory.CreateDirectory(data);
        var device = new Synchub(Path.Combine(_temp.Path, "device"));
        await using (var hub = await Hub.StartAsync(data))
        {
            device.Server = hub.BaseUrl;
            await device.SignInAsync(await Hub.RegisterAsync(device));
        }

        var sync = await device.RunAsync("sync");
        sync.ExitCode.Should().Be(1, sync.ToString());
        sync.Err.Should().Contain($"error: {ErrorCodes.Unreachable}: ");
        sync.Out.Should().BeEmpty();

        var status = await device.RunAsync("status");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Out.Should().Contain("offline").And.Contain(ErrorCodes.Unreachable);
    }

    [Fact]
    public async Task Status_json_says_offline_and_not_signed_in_on_a_new_profile()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "new"));

        var status = await device.RunAsync("status", "--json");

        status.ExitCode.Should().Be(0, status.ToString());
        using var doc = JsonDocument.Parse(status.Out);
        doc.RootElement.GetProperty("signedIn").GetBoolean().Should().BeFalse();
        doc.RootElement.GetProperty("state").GetString().Should().Be("offline");
        doc.RootElement.GetProperty("pending").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Commands_that_need_a_session_say_how_to_sign_in()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "nosession"));

        // Entity commands work signed out (in the Scratch Pad); syncing needs an account.
        var sync = await device.RunAsync("sync");

        sync.ExitCode.Should().Be(1, sync.ToString());
        sync.Out.Should().BeEmpty();
        sync.Err.Should().Contain("Not signed in: run 'synchub login LOGIN PASSWORD' first.");
    }
}
