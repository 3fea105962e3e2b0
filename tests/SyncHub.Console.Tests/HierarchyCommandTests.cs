using System.Text.Json;
using SyncHub.Client;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class HierarchyCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-tree");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Add_for_the_other_kinds_prints_each_id_and_another_device_gets_their_fields()
    {
        var laptop = new Synchub(Path.Combine(_temp.Path, "laptop"), _hub.BaseUrl);
        var desktop = new Synchub(Path.Combine(_temp.Path, "desktop"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await desktop.SignInAsync(username, device: "desktop");

        var collection = await laptop.AddAsync("collection", "Shop");
        var request = await laptop.AddAsync("request", collection, "Create order", "--method", "POST");
        var response = await laptop.AddAsync("response", request, "Created", "--code", "201");
        var environment = await laptop.AddAsync("environment", "Staging");
        var variable = await laptop.AddAsync("variable", environment, "token", "s3cret", "--secret");
        var global = await laptop.AddAsync("global", "region", "eu");
        var preset = await laptop.AddAsync("preset", "JSON", "--header", "Accept: application/json", "--header", "X-Empty:");
        new[] { collection, request, response, environment, variable, global, preset }.Should().OnlyHaveUniqueItems()
            .And.AllSatisfy(id => EntityIds.IsValid(id).Should().BeTrue());

        await desktop.SyncAsync();
        var entities = await EntitiesAsync(desktop);
        (string Kind, string? Parent) Of(string id) => (entities[id].Kind, entities[id].ParentId);
        Of(response).Should().Be((EntityKinds.Response, request));
        Of(variable).Should().Be((EntityKinds.EnvironmentVariable, environment));
        Of(global).Should().Be((EntityKinds.GlobalVariable, (string?)null));
        Of(preset).Should().Be((EntityKinds.HeaderPreset, (string?)null));
        Field(entities[response].Body, "code").GetInt32().Should().Be(201);
        Field(entities[response].Body, "name").GetString().Should().Be("Created");
        Field(entities[environment].Body, "name").GetString().Should().Be("Staging");
        Field(entities[variable].Body, "key").GetString().Should().Be("token");
        Field(entities[variable].Body, "value").GetString().Should().Be("s3cret");
        Field(entities[variable].Body, "type").GetString().Should().Be("secret");
        Field(entities[global].Body, "type").GetString().Should().Be("default");
        Field(entities[preset].Body, "headers").GetRawText().Should().Be("""[{"key":"Accept","value":"application/json"},{"key":"X-Empty","value":""}]""");

        var tree = await desktop.RunAsync("ls");
        tree.ExitCode.Should().Be(0, tree.ToString());
        tree.Out.Should().Contain("Created").And.Contain("Staging").And.Contain("token").And.Contain("region").And.Contain("JSON");
    }

    [Fact]
    public async Task Mv_moves_and_reorders_as_one_change_and_ls_lists_children_in_order()
    {
        var laptop = new Synchub(Path.Combine(_temp.Path, "mv-laptop"), _hub.BaseUrl);
        var desktop = new Synchub(Path.Combine(_temp.Path, "mv-desktop"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await desktop.SignInAsync(username, device: "desktop");
        var collection = await laptop.AddAsync("collection", "Shop");
        var folder = await laptop.AddAsync("folder", collection, "Orders");
        var a = await laptop.AddAsync("request", collection, "Zulu");
        var b = await laptop.AddAsync("request", collection, "Yankee");
        var c = await laptop.AddAsync("request", folder, "Xray");
        (await OrderAsync(laptop)).Should().Equal(collection, folder, c, a, b);

        var before = await laptop.RunAsync("mv", b, collection, "--before", folder);
        before.ExitCode.Should().Be(0, before.ToString());
        before.Out.Should().BeEmpty();
        var into = await laptop.RunAsync("mv", a, folder, "--after", c);
        into.ExitCode.Should().Be(0, into.ToString());
        (await OrderAsync(laptop)).Should().Equal(collection, b, folder, c, a);

        await desktop.SyncAsync();
        (await OrderAsync(desktop)).Should().Equal(collection, b, folder, c, a);
        var moved = (await EntitiesAsync(desktop))[a];
        moved.ParentId.Should().Be(folder);
        moved.Version.Should().Be(2, "the move to another folder and place was one update");

        var tree = await desktop.RunAsync("ls");
        tree.Out.IndexOf("Yankee", StringComparison.Ordinal).Should().BeLessThan(tree.Out.IndexOf("Orders", StringComparison.Ordinal));
        tree.Out.IndexOf("Xray", StringComparison.Ordinal).Should().BeLessThan(tree.Out.IndexOf("Zulu", StringComparison.Ordinal));

        var env = await laptop.AddAsync("environment", "Env");
        var root = await laptop.RunAsync("mv", env, "-");
        root.ExitCode.Should().Be(0, root.ToString());

        var both = await laptop.RunAsync("mv", a, folder, "--before", c, "--after", c);
        both.ExitCode.Should().Be(2, both.ToString());
        var missing = await laptop.RunAsync("mv", a, "no-such-folder");
        missing.ExitCode.Should().Be(1, missing.ToString());
        missing.Err.Should().Contain($"error: {ErrorCodes.InvalidParent}: ");
        var wrongKind = await laptop.RunAsync("mv", folder, env);
        wrongKind.Err.Should().Contain($"error: {ErrorCodes.InvalidParent}: ");
        var notSibling = await laptop.RunAsync("mv", b, collection, "--after", c);
        notSibling.ExitCode.Should().Be(1, notSibling.ToString());
        notSibling.Err.Should().Contain($"error: {ErrorCodes.NotFound}: ");
        var orphan = await laptop.RunAsync("add", "variable", collection, "k", "v");
        orphan.ExitCode.Should().Be(1, orphan.ToString());
        orphan.Err.Should().Contain($"error: {ErrorCodes.InvalidParent}: ");
        var badHeader = await laptop.RunAsync("add", "preset", "P", "--header", ": no name");
        badHeader.ExitCode.Should().Be(2, badHeader.ToString());
        (await OrderAsync(laptop)).Should().Equal(collection, b, folder, c, a, env);
    }

    [Fact]
    public async Task Rm_of_a_collection_is_one_delete_that_takes_everything_inside_on_every_device()
    {
        var laptop = new Synchub(Path.Combine(_temp.Path, "rm-laptop"), _hub.BaseUrl);
        var desktop = new Synchub(Path.Combine(_temp.Path, "rm-desktop"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        await desktop.SignInAsync(username, device: "desktop");
        var collection = await laptop.AddAsync("collection", "Doomed");
        var folder = await laptop.AddAsync("folder", collection, "F");
        var request = await laptop.AddAsync("request", folder, "R");
        await laptop.AddAsync("response", request, "OK");
        var keep = await laptop.AddAsync("environment", "Keep");
        await desktop.SyncAsync();
        (await EntitiesAsync(desktop)).Should().HaveCount(5);

        var rm = await laptop.RunAsync("rm", collection);
        rm.ExitCode.Should().Be(0, rm.ToString());
        rm.Err.Should().Contain("and the 3 items inside it");

        await desktop.SyncAsync();
        (await EntitiesAsync(desktop)).Keys.Should().Equal(keep);
        (await EntitiesAsync(laptop)).Keys.Should().Equal(keep);
    }

    private static JsonElement Field(string body, string name) => JsonDocument.Parse(body).RootElement.GetProperty(name).Clone();

    private static async Task<List<string>> OrderAsync(Synchub device)
    {
        var run = await device.RunAsync("ls", "--json");
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return [.. doc.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    // Reads the profile the console left behind with the library itself, offline: the bodies ls does not print.
    private static async Task<Dictionary<string, LocalEntity>> EntitiesAsync(Synchub device)
    {
        await using var client = await SyncClient.OpenAsync(new SyncClientOptions
        {
            ServerUrl = new Uri("http://127.0.0.1:9/"),
            ProfileDirectory = device.ProfileDirectory,
        }).WaitAsync(TestTimeouts.Default);
        return client.GetEntities().ToDictionary(e => e.Id);
    }
}
