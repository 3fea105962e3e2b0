using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

/// <summary>import, export and import-scratch: Postman files in and out of the active workspace and the Scratch Pad.</summary>
public sealed class TransferCommandTests : IAsyncLifetime
{
    private const string Collection = """
        {
        	"info": {
        		"_postman_id": "9d2c6a3e-1b7f-4c58-8e0a-5f4d3c2b1a09",
        		"name": "Orders API",
        		"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        	},
        	"item": [
        		{
        			"name": "Orders",
        			"item": [
        				{
        					"name": "Get order",
        					"request": {
        						"method": "GET",
        						"header": [ { "key": "Accept", "value": "application/json" } ],
        						"url": { "raw": "{{base}}/orders/:id", "host": [ "{{base}}" ], "path": [ "orders", ":id" ], "variable": [ { "key": "id", "value": "42" } ] }
        					},
        					"response": []
        				}
        			]
        		}
        	]
        }
        """;

    private const string Environment = """
        {
        	"id": "3f0c1e55-7a7d-4c1b-9b8e-2d9e0f1a2b3c",
        	"name": "Local",
        	"values": [ { "key": "base", "value": "http://localhost:8080", "type": "default", "enabled": true } ],
        	"_postman_variable_scope": "environment",
        	"_postman_exported_at": "2026-11-30T09:00:00.000Z",
        	"_postman_exported_using": "Postman/11.20.0"
        }
        """;

    private readonly TempDirectory _temp = TempDirectory.Create("console-transfer");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement[] Entities(CommandRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private async Task<(Synchub A, Synchub B)> TwoDevicesAsync()
    {
        var account = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var a = new Synchub(Path.Combine(_temp.Path, "a"), _hub.BaseUrl);
        var b = new Synchub(Path.Combine(_temp.Path, "b"), _hub.BaseUrl);
        await a.SignInAsync(account.Username, device: "laptop");
        await b.SignInAsync(account.Username, device: "desktop");
        return (a, b);
    }

    [Fact]
    public async Task An_imported_collection_reaches_the_other_device_which_exports_it_back_equal_to_the_file()
    {
        var (a, b) = await TwoDevicesAsync();
        var file = WriteFile("orders.postman_collection.json", Collection);

        var import = await a.RunAsync("import", file);
        await b.SyncAsync();
        var seen = Entities(await b.RunAsync("ls", "--json"));
        var collectionId = import.OutLines.Should().ContainSingle().Subject;
        var exported = Path.Combine(_temp.Path, "back.json");
        var export = await b.RunAsync("export", "collection", collectionId, exported);

        import.ExitCode.Should().Be(0, import.ToString());
        import.Err.Should().Contain("collection 'Orders API'").And.Contain("3 entities");
        seen.Select(e => e.GetProperty("kind").GetString()).Should().BeEquivalentTo([EntityKinds.Collection, EntityKinds.Folder, EntityKinds.Request]);
        export.ExitCode.Should().Be(0, export.ToString());
        var text = await File.ReadAllTextAsync(exported);
        JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(Collection)).Should().BeTrue($"the export should equal the imported file, but was:\n{text}");
    }

    [Fact]
    public async Task Importing_a_file_twice_makes_two_copies()
    {
        var (a, _) = await TwoDevicesAsync();
        var file = WriteFile("orders.json", Collection);

        var first = await a.RunAsync("import", file);
        var second = await a.RunAsync("import", file);
        var all = Entities(await a.RunAsync("ls", "--json"));

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        second.OutLines.Should().NotIntersectWith(first.OutLines);
        all.Should().HaveCount(6);
        all.Count(e => e.GetProperty("kind").GetString() == EntityKinds.Collection).Should().Be(2);
    }

    [Fact]
    public async Task An_invalid_file_says_what_and_where_and_imports_nothing()
    {
        var (a, _) = await TwoDevicesAsync();
        var bad = JsonNode.Parse(Collection)!;
        bad["item"]![0]!["item"]![0]!["request"]!["method"] = 7;
        var file = WriteFile("bad.json", bad.ToJsonString());

        var run = await a.RunAsync("import", file);
        var status = await a.RunAsync("status", "--local", "--json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Err.Should().Contain($"error: {ErrorCodes.InvalidFile}:").And.Contain("$.item[0].item[0].request.method").And.Contain("Nothing was imported");
        Entities(await a.RunAsync("ls", "--json")).Should().BeEmpty();
        using var doc = JsonDocument.Parse(status.Out);
        doc.RootElement.GetProperty("pending").GetInt32().Should().Be(0, "nothing of the file reached the outbox");
    }

    [Fact]
    public async Task A_missing_file_and_a_file_that_is_no_postman_kind_are_clear_errors()
    {
        var (a, _) = await TwoDevicesAsync();
        var missing = await a.RunAsync("import", Path.Combine(_temp.Path, "nope.json"));
        var other = await a.RunAsync("import", WriteFile("package.json", """{"name": "left-pad", "version": "1.3.0"}"""));

        missing.ExitCode.Should().Be(1);
        missing.Err.Should().Contain($"error: {ErrorCodes.NotFound}:").And.Contain("nope.json");
        other.ExitCode.Should().Be(1);
        other.Err.Should().Contain($"error: {ErrorCodes.InvalidFile}:");
    }

    [Fact]
    public async Task Export_all_writes_a_data_dump_of_collections_environments_or_both()
    {
        var (a, _) = await TwoDevicesAsync();
        (await a.RunAsync("import", WriteFile("c.json", Collection))).ExitCode.Should().Be(0);
        var environmentId = (await a.RunAsync("import", WriteFile("e.json", Environment))).OutLines.Single();
        string Dump(string name) => Path.Combine(_temp.Path, name);

        var all = await a.RunAsync("export", "all", Dump("all.json"));
        var collections = await a.RunAsync("export", "all", Dump("c-only.json"), "--collections");
        var environments = await a.RunAsync("export", "all", Dump("e-only.json"), "--environments");
        var one = await a.RunAsync("export", "environment", environmentId, Dump("env.json"));

        all.ExitCode.Should().Be(0, all.ToString());
        all.Err.Should().Contain("1 collection and 1 environment");
        static int Count(string file, string key) => JsonNode.Parse(File.ReadAllText(file))![key]?.AsArray().Count ?? 0;
        (Count(Dump("all.json"), "collections"), Count(Dump("all.json"), "environments")).Should().Be((1, 1));
        collections.ExitCode.Should().Be(0, collections.ToString());
        (Count(Dump("c-only.json"), "collections"), Count(Dump("c-only.json"), "environments")).Should().Be((1, 0));
        environments.ExitCode.Should().Be(0, environments.ToString());
        (Count(Dump("e-only.json"), "collections"), Count(Dump("e-only.json"), "environments")).Should().Be((0, 1));
        one.ExitCode.Should().Be(0, one.ToString());
        JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Dump("env.json"))), JsonNode.Parse(Environment)).Should().BeTrue();
    }

    [Fact]
    public async Task Exporting_what_is_not_there_or_of_the_wrong_kind_fails_and_writes_no_file()
    {
        var (a, _) = await TwoDevicesAsync();
        var collectionId = (await a.RunAsync("import", WriteFile("c.json", Collection))).OutLines.Single();
        var target = Path.Combine(_temp.Path, "out.json");

        var missing = await a.RunAsync("export", "collection", "nope", target);
        var wrongKind = await a.RunAsync("export", "environment", collectionId, target);
        var noFolder = await a.RunAsync("export", "all", Path.Combine(_temp.Path, "no", "such", "dir.json"));

        missing.ExitCode.Should().Be(1);
        missing.Err.Should().Contain($"error: {ErrorCodes.NotFound}:");
        wrongKind.ExitCode.Should().Be(1);
        wrongKind.Err.Should().Contain("is a collection, not an environment");
        noFolder.ExitCode.Should().Be(1);
        noFolder.Err.Should().Contain("does not exist");
        File.Exists(target).Should().BeFalse();
    }

    [Fact]
    public async Task What_was_made_in_the_scratch_pad_moves_into_the_workspace_in_one_step_and_reaches_the_other_device()
    {
        var account = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var a = new Synchub(Path.Combine(_temp.Path, "a"), _hub.BaseUrl);
        var b = new Synchub(Path.Combine(_temp.Path, "b"), _hub.BaseUrl);
        // Signed out: the Scratch Pad is where edits go.
        var draft = await a.AddAsync("collection", "Draft");
        await a.AddAsync("request", draft, "Ping", "--url", "https://example.com/ping");
        (await a.RunAsync("import", WriteFile("e.json", Environment))).ExitCode.Should().Be(0);
        var scratchExport = Path.Combine(_temp.Path, "scratch.json");
        (await a.RunAsync("export", "all", scratchExport)).ExitCode.Should().Be(0);
        await a.SignInAsync(account.Username, device: "laptop");
        await b.SignInAsync(account.Username, device: "desktop");

        var move = await a.RunAsync("import-scratch");
        await b.SyncAsync();
        var onB = Entities(await b.RunAsync("ls", "--json"));
        (await a.RunAsync("scratch")).ExitCode.Should().Be(0);
        var scratchAfter = Entities(await a.RunAsync("ls", "--json"));

        JsonNode.Parse(File.ReadAllText(scratchExport))!["collections"]!.AsArray().Should().ContainSingle();
        move.ExitCode.Should().Be(0, move.ToString());
        move.Err.Should().Contain("Moved 4 entities from the Scratch Pad");
        onB.Select(e => e.GetProperty("kind").GetString()).Should().BeEquivalentTo(
            [EntityKinds.Collection, EntityKinds.Request, EntityKinds.Environment, EntityKinds.EnvironmentVariable]);
        onB.Select(e => e.GetProperty("id").GetString()).Should().NotContain(draft, "the moved copies have new ids");
        scratchAfter.Should().BeEmpty();
    }

    [Fact]
    public async Task Import_scratch_needs_a_signed_in_profile_and_a_synced_workspace()
    {
        var account = await TestAccounts.CreateAsync(_hub.BaseUrl);
        var a = new Synchub(Path.Combine(_temp.Path, "a"), _hub.BaseUrl);
        await a.AddAsync("collection", "Draft");

        var signedOut = await a.RunAsync("import-scratch");
        await a.SignInAsync(account.Username);
        (await a.RunAsync("scratch")).ExitCode.Should().Be(0);
        var inScratch = await a.RunAsync("import-scratch");

        signedOut.ExitCode.Should().Be(1);
        signedOut.Err.Should().Contain("not_signed_in");
        inScratch.ExitCode.Should().Be(1);
        inScratch.Err.Should().Contain("workspace use");
    }
}
