using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class AccountAndEditTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Register_login_and_add_print_ids_alone_on_stdout_and_never_the_password()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "a"), _hub.BaseUrl);

        var username = TestAccounts.NewUsername("con");
        var register = await device.RunAsync("register", username, $"{username}@example.test", TestAccounts.DefaultPassword);
        register.ExitCode.Should().Be(0, register.ToString());
        register.OutLines.Should().ContainSingle(register.ToString());

        var login = await device.RunAsync("login", username, TestAccounts.DefaultPassword, "--device", "laptop");
        login.ExitCode.Should().Be(0, login.ToString());
        login.Out.Should().BeEmpty("login has no result for scripts; messages go to stderr");
        login.Err.Should().Contain(username);

        var collection = await device.RunAsync("add", "collection", "My API");
        collection.ExitCode.Should().Be(0, collection.ToString());
        collection.Out.Should().MatchRegex(@"^[A-Za-z0-9_.\-]+\r?\n$", "the id alone on its own line");
        var collectionId = collection.OutLines[0];
        EntityIds.IsValid(collectionId).Should().BeTrue();

        var folderId = await device.AddAsync("folder", collectionId, "Users");
        var requestId = await device.AddAsync("request", folderId, "List users", "--method", "post", "--url", "https://api.example.test/users");
        var getId = await device.AddAsync("request", collectionId, "Health");
        new[] { collectionId, folderId, requestId, getId }.Should().OnlyHaveUniqueItems();

        foreach (var run in new[] { register, login, collection })
        {
            run.Out.Should().NotContain(TestAccounts.DefaultPassword);
            run.Err.Should().NotContain(TestAccounts.DefaultPassword);
        }

        var tree = await device.RunAsync("ls");
        tree.ExitCode.Should().Be(0, tree.ToString());
        tree.Out.Should().Contain("My API").And.Contain("Users").And.Contain("List users").And.Contain("POST https://api.example.test/users")
            .And.Contain("Health  GET").And.Contain(requestId);
        tree.Out.Should().NotContain("not synced", "the short sync after each add delivered it");
    }

    [Fact]
    public async Task Ls_json_is_an_array_of_id_kind_parentId_name_version_parents_first()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "json"), _hub.BaseUrl);
        await device.SignInAsync(await Hub.RegisterAsync(device));
        var collectionId = await device.AddAsync("collection", "Shop");
        var folderId = await device.AddAsync("folder", collectionId, "Orders");
        var requestId = await device.AddAsync("request", folderId, "Create order", "--method", "POST", "--url", "https://shop.test/orders");

        var run = await device.RunAsync("ls", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        doc.RootElement.ValueKind.Should().Be(JsonValueKind.Array);
        var items = doc.RootElement.EnumerateArray().ToList();
        items.Should().HaveCount(3);
        foreach (var item in items)
            item.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["id", "kind", "parentId", "name", "version"]);
        items.Select(i => (i.GetProperty("id").GetString(), i.GetProperty("kind").GetString(), ParentOf(i), i.GetProperty("name").GetString()))
            .Should().Equal(
                (collectionId, "collection", null, "Shop"),
                (folderId, "folder", collectionId, "Orders"),
                (requestId, "request", folderId, "Create order"));
        items.Should().OnlyContain(i => i.GetProperty("version").GetInt64() == 1, "each was created once and acknowledged by the hub");
    }

    [Fact]
    public async Task Edits_made_on_one_device_reach_another_with_sync_including_rename_and_rm()
    {
        var laptop = new Synchub(Path.Combine(_temp.Path, "laptop"), _hub.BaseUrl);
        var desktop = new Synchub(Path.Combine(_temp.Path, "desktop"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await desktop.SignInAsync(username, device: "desktop");

        var collectionId = await laptop.AddAsync("collection", "Payments");
        var requestId = await laptop.AddAsync("request", collectionId, "Charge", "--method", "PUT", "--url", "https://pay.test/charge");
        await desktop.SyncAsync();
        (await NamesAsync(desktop)).Should().BeEquivalentTo(new Dictionary<string, string> { [collectionId] = "Payments", [requestId] = "Charge" });

        var rename = await laptop.RunAsync("rename", requestId, "Charge card");
        rename.ExitCode.Should().Be(0, rename.ToString());
        rename.Out.Should().BeEmpty();
        await desktop.SyncAsync();
        (await NamesAsync(desktop))[requestId].Should().Be("Charge card");
        var tree = await desktop.RunAsync("ls");
        tree.Out.Should().Contain("PUT https://pay.test/charge", "rename keeps the request's other fields");

        // Removing the collection removes what is inside it too, on both devices.
        var rm = await laptop.RunAsync("rm", collectionId);
        rm.ExitCode.Should().Be(0, rm.ToString());
        await desktop.SyncAsync();
        (await NamesAsync(desktop)).Should().BeEmpty();
        (await NamesAsync(laptop)).Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_password_and_unknown_ids_exit_1_with_code_and_message()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "errors"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(device);

        var login = await device.RunAsync("login", username, "not the password");
        login.ExitCode.Should().Be(1, login.ToString());
        login.Err.Should().Contain($"error: {ErrorCodes.InvalidCredentials}: ");
        login.Err.Should().NotContain("not the password");

        await device.SignInAsync(username);
        var rename = await device.RunAsync("rename", "no-such-id", "X");
        rename.ExitCode.Should().Be(1, rename.ToString());
        rename.Err.Should().Contain($"error: {ErrorCodes.NotFound}: ");

        var folder = await device.RunAsync("add", "folder", "no-such-parent", "X");
        folder.ExitCode.Should().Be(1, folder.ToString());
        folder.Err.Should().Contain($"error: {ErrorCodes.InvalidParent}: ");
        folder.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Logout_signs_the_profile_out()
    {
        var device = new Synchub(Path.Combine(_temp.Path, "logout"), _hub.BaseUrl);
        await device.SignInAsync(await Hub.RegisterAsync(device));

        var logout = await device.RunAsync("logout");
        logout.ExitCode.Should().Be(0, logout.ToString());

        // Signed out, ls shows the Scratch Pad and says why the synced data is not there.
        var ls = await device.RunAsync("ls");
        ls.ExitCode.Should().Be(0, ls.ToString());
        ls.Err.Should().Contain("Not signed in").And.Contain("Scratch Pad");
        var sync = await device.RunAsync("sync");
        sync.ExitCode.Should().Be(1, sync.ToString());
        sync.Err.Should().Contain("Not signed in: run 'synchub login LOGIN PASSWORD' first.");
    }

    private static string? ParentOf(JsonElement item) =>
        item.GetProperty("parentId").ValueKind == JsonValueKind.Null ? null : item.GetProperty("parentId").GetString();

    private static async Task<Dictionary<string, string>> NamesAsync(Synchub device)
    {
        var run = await device.RunAsync("ls", "--json");
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("name").GetString()!);
    }
}
