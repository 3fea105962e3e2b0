using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Server.Storage;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

/// <summary>scratch, status in the Scratch Pad, and the entity commands there, signed in or not.</summary>
public sealed class ScratchPadCommandTests : IAsyncLifetime
{
    private const string ScratchPadLine = "Workspace:  Scratch Pad (local only, never synced)";
    private readonly TempDirectory _temp = TempDirectory.Create("console-scratch");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    private static List<(string? Id, string? Kind, string? ParentId, string? Name)> Listing(CommandRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return [.. doc.RootElement.EnumerateArray().Select(e => (e.GetProperty("id").GetString(), e.GetProperty("kind").GetString(),
            e.GetProperty("parentId").GetString(), e.GetProperty("name").GetString()))];
    }

    private async Task<long> HubHeadAsync(string workspaceId) =>
        await _hub.Services.GetRequiredService<IChangeStore>().GetHeadSeqAsync(workspaceId, CancellationToken.None).WaitAsync(TestTimeouts.Default);

    private static async Task<CommandRun> OkAsync(Synchub device, params string[] args)
    {
        var run = await device.RunAsync(args);
        run.ExitCode.Should().Be(0, run.ToString());
        return run;
    }

    [Fact]
    public async Task Signed_out_every_entity_command_works_in_the_scratch_pad_and_status_says_so()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "signed-out"));

        var collection = await device.AddAsync("collection", "Local API");
        var folder = await device.AddAsync("folder", collection, "Drafts");
        var request = await device.AddAsync("request", folder, "List", "--url", "https://example.test/");
        var response = await device.AddAsync("response", request, "OK", "--code", "200");
        var environment = await device.AddAsync("environment", "Local");
        await device.AddAsync("variable", environment, "token", "abc");
        await device.AddAsync("global", "region", "eu");
        await device.AddAsync("preset", "JSON", "-H", "Accept: application/json");
        var rename = await OkAsync(device, "rename", folder, "Renamed");
        rename.Err.Should().NotContain("queued", "nothing is queued in the Scratch Pad");
        await OkAsync(device, "mv", request, collection);
        await OkAsync(device, "rm", folder);
        var refused = await device.RunAsync("add", "folder", environment, "Wrong");
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Err.Should().Contain("invalid_parent");

        var listing = Listing(await device.RunAsync("ls", "--json"));
        listing.Select(e => e.Id).Should().Contain([collection, request, response, environment]).And.NotContain(folder).And.HaveCount(7);
        listing.Should().Contain((request, "request", collection, "List"));

        var status = await OkAsync(device, "status");
        status.Out.Should().Contain("Account:    (not signed in)").And.Contain(ScratchPadLine);
        using var json = JsonDocument.Parse((await OkAsync(device, "status", "--json")).Out);
        json.RootElement.GetProperty("inScratchPad").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("activeWorkspaceId").GetString().Should().Be("scratch");
        json.RootElement.GetProperty("pending").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Scratch_enters_it_signed_in_nothing_reaches_the_hub_and_it_outlives_a_logout()
    {
        var account = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var laptop = new Synchub(Path.Combine(_temp.Path, "laptop"), _hub.BaseUrl);
        var phone = new Synchub(Path.Combine(_temp.Path, "phone"), _hub.BaseUrl);
        await laptop.SignInAsync(account.Username, device: "laptop");
        await phone.SignInAsync(account.Username, device: "phone");
        var synced = await laptop.AddAsync("collection", "Synced");

        var enter = await OkAsync(laptop, "scratch");
        enter.Err.Should().Contain("Now working in the Scratch Pad");
        (await OkAsync(laptop, "status", "--local")).Out.Should().Contain(ScratchPadLine).And.Contain($"Account:    {account.Username}");
        (await OkAsync(laptop, "ls")).Err.Should().Contain("The Scratch Pad is empty");
        var members = await laptop.RunAsync("members");
        members.ExitCode.Should().Be(1, members.ToString());
        members.Err.Should().Contain("error: invalid_request: The Scratch Pad is local to this device and has no members");
        var draft = await laptop.AddAsync("collection", "Draft");
        var draftRequest = await laptop.AddAsync("request", draft, "Try", "--url", "https://example.test/");
        await OkAsync(laptop, "rename", draft, "Draft 2");
        Listing(await laptop.RunAsync("ls", "--json")).Select(e => e.Id).Should().BeEquivalentTo([draft, draftRequest]);

        // Leaving it: the synced workspace shows only what is synced.
        await OkAsync(laptop, "workspace", "use", account.WorkspaceId);
        (await OkAsync(laptop, "status", "--local")).Out.Should().NotContain("Scratch Pad").And.Contain(account.WorkspaceId);
        Listing(await laptop.RunAsync("ls", "--json")).Select(e => e.Id).Should().Equal(synced);
        await laptop.SyncAsync();
        await phone.SyncAsync();
        Listing(await phone.RunAsync("ls", "--json")).Select(e => e.Id).Should().Equal(synced);
        (await HubHeadAsync(account.WorkspaceId)).Should().Be(1, "only the synced collection reached the hub");

        // Chosen again, it outlives a logout and a new login.
        await OkAsync(laptop, "scratch");
        var logout = await OkAsync(laptop, "logout");
        logout.Err.Should().NotContain("unsent");
        Listing(await laptop.RunAsync("ls", "--json")).Select(e => e.Id).Should().BeEquivalentTo([draft, draftRequest]);
        await laptop.SignInAsync(account.Username, device: "laptop again");
        (await OkAsync(laptop, "status", "--local")).Out.Should().Contain(ScratchPadLine, "signing in does not leave a Scratch Pad chosen explicitly");
        Listing(await laptop.RunAsync("ls", "--json")).Should().Contain((draft, "collection", null, "Draft 2"));
        (await HubHeadAsync(account.WorkspaceId)).Should().Be(1);
    }
}
