using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

/// <summary><c>POST /api/workspaces/{id}/import</c> and <c>GET /api/workspaces/{id}/export</c>: Postman files in and out of a workspace, all or nothing.</summary>
public sealed class ImportExportEndpointTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    internal const string Collection = """
        {
        	"info": {
        		"_postman_id": "0f6a1c1e-3a5b-4c2e-9d7f-1a2b3c4d5e6f",
        		"name": "Billing API",
        		"description": "Invoices and payments",
        		"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        		"_exporter_id": "123456"
        	},
        	"item": [
        		{
        			"name": "Invoices",
        			"item": [
        				{
        					"name": "List invoices",
        					"request": {
        						"method": "GET",
        						"header": [ { "key": "Accept", "value": "application/json", "type": "text" } ],
        						"url": { "raw": "{{base}}/invoices?page=1", "host": [ "{{base}}" ], "path": [ "invoices" ], "query": [ { "key": "page", "value": "1" } ] }
        					},
        					"response": [
        						{
        							"name": "Two invoices",
        							"originalRequest": { "method": "GET", "header": [], "url": { "raw": "{{base}}/invoices", "host": [ "{{base}}" ], "path": [ "invoices" ] } },
        							"status": "OK",
        							"code": 200,
        							"_postman_previewlanguage": "json",
        							"header": [ { "key": "Content-Type", "value": "application/json" } ],
        							"cookie": [],
        							"body": "[{\"id\":1},{\"id\":2}]"
        						}
        					]
        				}
        			]
        		},
        		{
        			"name": "Create payment",
        			"request": {
        				"method": "POST",
        				"header": [],
        				"body": { "mode": "raw", "raw": "{\"amount\": 10}", "options": { "raw": { "language": "json" } } },
        				"url": { "raw": "{{base}}/payments", "host": [ "{{base}}" ], "path": [ "payments" ] }
        			},
        			"response": []
        		}
        	],
        	"variable": [ { "key": "base", "value": "https://api.example.com" } ]
        }
        """;

    private static StringContent File(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<(int Status, ImportResult? Result, ErrorResponse? Error)> ImportAsync(TestSession caller, string workspaceId, HttpContent file, Uri? baseUrl = null)
    {
        using var response = await HubHttp.SendAsync(baseUrl ?? hub.BaseUrl, HttpMethod.Post, HubRoutes.Import(workspaceId), caller.Token, file);
        var status = (int)response.StatusCode;
        return status == 201
            ? (status, await response.Content.ReadFromJsonAsync<ImportResult>(), null)
            : (status, null, await response.Content.ReadFromJsonAsync<ErrorResponse>());
    }

    private async Task<(int Status, string Body, string? FileName)> ExportAsync(TestSession caller, string workspaceId, string query = "")
    {
        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, HubRoutes.Export(workspaceId) + query, caller.Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private async Task<List<EntityState>> EntitiesAsync(TestSession session, string workspaceId)
    {
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        var pages = await connection.StreamSnapshotAsync(workspaceId);
        return [.. pages.SelectMany(p => p.Entities)];
    }

    private async Task<long> HeadAsync(TestSession session, string workspaceId)
    {
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, session);
        return (await connection.GetChangesAsync(workspaceId, 0, 1)).HeadSeq;
    }

    [Fact]
    public async Task A_collection_imports_as_one_entity_per_item_with_its_hierarchy_and_every_device_of_the_workspace_hears_it()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var other = await TestAccounts.SignInAsync(hub.BaseUrl, me, "phone");
        await using var phone = await RawHubClient.ConnectAsync(hub.BaseUrl, other);
        using var heard = new ChangesRecorder(phone);
        await phone.SubscribeAsync(me.WorkspaceId);

        var (status, result, _) = await ImportAsync(me, me.WorkspaceId, File(Collection));

        status.Should().Be(201);
        result!.Format.Should().Be("CollectionV21");
        result.Created.Should().Be(5, "a collection, a folder, two requests and a saved response");
        result.Roots.Should().ContainSingle().Which.Should().Match<ImportedRoot>(r => r.Kind == EntityKinds.Collection && r.Name == "Billing API");
        var entities = await EntitiesAsync(me, me.WorkspaceId);
        var byId = entities.ToDictionary(e => e.EntityId);
        var collection = byId[result.Roots[0].Id];
        var folder = entities.Single(e => e.Kind == EntityKinds.Folder);
        var list = entities.Single(e => e.Kind == EntityKinds.Request && e.Body!.Contains("List invoices", StringComparison.Ordinal));
        folder.ParentId.Should().Be(collection.EntityId);
        list.ParentId.Should().Be(folder.EntityId);
        entities.Single(e => e.Kind == EntityKinds.Response).ParentId.Should().Be(list.EntityId);
        entities.Single(e => e.Kind == EntityKinds.Request && e.EntityId != list.EntityId).ParentId.Should().Be(collection.EntityId);

        await heard.WaitForSeqAsync(me.WorkspaceId, result.HeadSeq);
        heard.Changes.Select(c => c.EntityId).Should().BeEquivalentTo(entities.Select(e => e.EntityId), "the importing account's other device hears every created entity");
    }

    [Fact]
    public async Task An_imported_collection_exports_back_as_an_equivalent_v21_file()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (_, result, _) = await ImportAsync(me, me.WorkspaceId, File(Collection));

        var (status, body, fileName) = await ExportAsync(me, me.WorkspaceId, $"?collection={result!.Roots[0].Id}");

        status.Should().Be(200);
        fileName.Should().Be("Billing API.postman_collection.json");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(Collection)).Should().BeTrue($"the export should equal the imported file, but was:\n{body}");
    }

    [Fact]
    public async Task Importing_the_same_file_twice_makes_a_second_copy_with_new_ids_after_the_first()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (_, first, _) = await ImportAsync(me, me.WorkspaceId, File(Collection));
        var (_, second, _) = await ImportAsync(me, me.WorkspaceId, File(Collection));

        var entities = await EntitiesAsync(me, me.WorkspaceId);

        entities.Should().HaveCount(10);
        entities.Select(e => e.EntityId).Should().OnlyHaveUniqueItems();
        second!.Roots[0].Id.Should().NotBe(first!.Roots[0].Id);
        var roots = entities.Where(e => e.ParentId is null).ToList();
        string Rank(string id) => JsonNode.Parse(roots.Single(r => r.EntityId == id).Body!)!["rank"]!.GetValue<string>();
        string.CompareOrdinal(Rank(first.Roots[0].Id), Rank(second.Roots[0].Id)).Should().BeNegative("the second copy comes after the first");
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_invalid_file_with_where_and_nothing_is_imported()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var broken = Collection[..(Collection.Length / 2)];

        var (status, _, error) = await ImportAsync(me, me.WorkspaceId, File(broken));

        status.Should().Be(400);
        error!.Code.Should().Be(ErrorCodes.InvalidFile);
        error.Path.Should().NotBeNullOrEmpty();
        error.Message.Should().Contain("Nothing was imported");
        (await HeadAsync(me, me.WorkspaceId)).Should().Be(0);
    }

    [Fact]
    public async Task A_collection_with_one_bad_item_deep_inside_is_refused_whole_naming_the_path()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var node = JsonNode.Parse(Collection)!;
        node["item"]![0]!["item"]![0]!["request"]!["method"] = 42;

        var (status, _, error) = await ImportAsync(me, me.WorkspaceId, File(node.ToJsonString()));

        status.Should().Be(400);
        error!.Code.Should().Be(ErrorCodes.InvalidFile);
        error.Path.Should().Be("$.item[0].item[0].request.method");
        error.Message.Should().Contain("$.item[0].item[0].request.method");
        (await HeadAsync(me, me.WorkspaceId)).Should().Be(0, "all or nothing: not even the collection and folder before the bad item");
    }

    [Fact]
    public async Task A_json_file_that_is_no_postman_kind_is_invalid_file()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (status, _, error) = await ImportAsync(me, me.WorkspaceId, File("""{"hello": "world"}"""));
        status.Should().Be(400);
        error!.Code.Should().Be(ErrorCodes.InvalidFile);
        error.Path.Should().Be("$");
        (await HeadAsync(me, me.WorkspaceId)).Should().Be(0);
    }

    [Fact]
    public async Task Another_accounts_workspace_is_forbidden_for_import_and_export_and_nothing_is_written()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var them = await TestAccounts.CreateAsync(hub.BaseUrl);

        var (importStatus, _, importError) = await ImportAsync(me, them.WorkspaceId, File(Collection));
        var (exportStatus, exportBody, _) = await ExportAsync(me, them.WorkspaceId);

        importStatus.Should().Be(403);
        importError!.Code.Should().Be(ErrorCodes.Forbidden);
        exportStatus.Should().Be(403);
        exportBody.Should().Contain(ErrorCodes.Forbidden);
        (await HeadAsync(them, them.WorkspaceId)).Should().Be(0);
    }

    [Fact]
    public async Task Without_a_token_import_and_export_are_401()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        using var import = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.Import(me.WorkspaceId), null, File(Collection));
        using var export = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, HubRoutes.Export(me.WorkspaceId), null);
        ((int)import.StatusCode).Should().Be(401);
        ((int)export.StatusCode).Should().Be(401);
    }

    [Fact]
    public async Task A_file_over_the_import_limit_is_payload_too_large_and_nothing_is_imported()
    {
        await using var small = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxImportBytes"] = "2048" });
        var me = await TestAccounts.CreateAsync(small.BaseUrl);
        var big = JsonNode.Parse(Collection)!;
        big["info"]!["description"] = new string('x', 4096);

        var (status, _, error) = await ImportAsync(me, me.WorkspaceId, File(big.ToJsonString()), small.BaseUrl);
        // Without a Content-Length the hub counts while it reads, and stops at the limit.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big.ToJsonString())));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.ContentLength = null;
        var (chunkedStatus, _, chunkedError) = await ImportAsync(me, me.WorkspaceId, chunked, small.BaseUrl);

        status.Should().Be(413);
        error!.Code.Should().Be(ErrorCodes.PayloadTooLarge);
        error.Message.Should().Contain("SyncHub:MaxImportBytes");
        chunkedStatus.Should().Be(413);
        chunkedError!.Code.Should().Be(ErrorCodes.PayloadTooLarge);
        await using var connection = await RawHubClient.ConnectAsync(small.BaseUrl, me);
        (await connection.GetChangesAsync(me.WorkspaceId, 0, 1)).HeadSeq.Should().Be(0);
    }

    [Fact]
    public async Task An_environment_imports_with_its_variables_and_exports_back_as_an_environment_file()
    {
        const string environment = """
            {
            	"id": "5b1e7c2a-0000-4000-8000-000000000001",
            	"name": "Staging",
            	"values": [
            		{ "key": "base", "value": "https://staging.example.com", "type": "default", "enabled": true },
            		{ "key": "token", "value": "s3cr3t", "type": "secret", "enabled": false }
            	],
            	"_postman_variable_scope": "environment",
            	"_postman_exported_at": "2026-11-30T10:00:00.000Z",
            	"_postman_exported_using": "Postman/11.20.0"
            }
            """;
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);

        var (_, result, _) = await ImportAsync(me, me.WorkspaceId, File(environment));
        var (status, body, fileName) = await ExportAsync(me, me.WorkspaceId, $"?environment={result!.Roots[0].Id}");

        result.Format.Should().Be("Environment");
        result.Created.Should().Be(3);
        status.Should().Be(200);
        fileName.Should().Be("Staging.postman_environment.json");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(environment)).Should().BeTrue($"the export should equal the imported file, but was:\n{body}");
    }

    [Fact]
    public async Task A_workspace_exports_as_a_data_dump_with_collections_environments_or_both()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        await ImportAsync(me, me.WorkspaceId, File(Collection));
        await ImportAsync(me, me.WorkspaceId, File("""{"name": "Prod", "values": [{"key": "base", "value": "https://example.com", "enabled": true}]}"""));

        var (allStatus, all, allName) = await ExportAsync(me, me.WorkspaceId);
        var (_, collections, _) = await ExportAsync(me, me.WorkspaceId, "?content=collections");
        var (_, environments, _) = await ExportAsync(me, me.WorkspaceId, "?content=environments");

        allStatus.Should().Be(200);
        allName.Should().Be("Backup.postman_dump.json");
        var dump = JsonNode.Parse(all)!;
        dump["collections"]!.AsArray().Should().ContainSingle();
        dump["environments"]!.AsArray().Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("Prod");
        (JsonNode.Parse(collections)!["environments"]?.AsArray().Count ?? 0).Should().Be(0);
        JsonNode.Parse(collections)!["collections"]!.AsArray().Should().ContainSingle();
        (JsonNode.Parse(environments)!["collections"]?.AsArray().Count ?? 0).Should().Be(0);
        JsonNode.Parse(environments)!["environments"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_dump_exported_from_one_workspace_imports_into_another_whole()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var team = await TestWorkspaces.CreateAsync(hub.BaseUrl, me);
        await ImportAsync(me, me.WorkspaceId, File(Collection));
        var (_, dump, _) = await ExportAsync(me, me.WorkspaceId);

        var (status, result, _) = await ImportAsync(me, team.WorkspaceId, File(dump));

        status.Should().Be(201);
        result!.Format.Should().Be("DataDump");
        var source = await EntitiesAsync(me, me.WorkspaceId);
        var copy = await EntitiesAsync(me, team.WorkspaceId);
        copy.Select(e => e.Kind).Order().Should().Equal(source.Select(e => e.Kind).Order());
        copy.Select(e => e.EntityId).Should().NotIntersectWith(source.Select(e => e.EntityId));
    }

    [Theory]
    [InlineData("?collection=nope", 404, ErrorCodes.NotFound)]
    [InlineData("?environment=nope", 404, ErrorCodes.NotFound)]
    [InlineData("?content=everything", 400, ErrorCodes.InvalidRequest)]
    [InlineData("?content=all&globals=true", 400, ErrorCodes.InvalidRequest)]
    public async Task Export_of_what_is_not_there_or_a_bad_query_is_a_clear_error(string query, int expectedStatus, string code)
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var (status, body, _) = await ExportAsync(me, me.WorkspaceId, query);
        status.Should().Be(expectedStatus);
        body.Should().Contain(code);
    }

    [Fact]
    public async Task The_stores_all_or_nothing_apply_rolls_back_every_mutation_when_one_fails_and_seqs_go_on_unbroken()
    {
        var me = await TestAccounts.CreateAsync(hub.BaseUrl);
        var store = hub.Host.Services.GetRequiredService<SyncHub.Server.Storage.IChangeStore>();
        var ws = me.WorkspaceId;
        SyncHub.Server.Storage.PendingMutation Pending(Mutation m) => new(m, me.DeviceId);

        var outcome = await store.ApplyAllOrNothingAsync(
            [Pending(TestMutations.CreateCollection(ws, "c1")), Pending(TestMutations.CreateRequest(ws, "c1", "r1")), Pending(TestMutations.CreateRequest(ws, "missing", "r2"))],
            CancellationToken.None).WaitAsync(TestTimeouts.Default);
        await using var connection = await RawHubClient.ConnectAsync(hub.BaseUrl, me);
        var head = (await connection.GetChangesAsync(ws, 0, 10)).HeadSeq;
        var next = await connection.MutateOneAsync(TestMutations.CreateCollection(ws, "c1"));

        outcome.Applied.Should().BeFalse();
        outcome.FailedIndex.Should().Be(2);
        outcome.Failure!.Code.Should().Be(ErrorCodes.InvalidParent);
        outcome.Changes.Should().BeEmpty();
        head.Should().Be(0, "nothing of the batch was applied");
        next.Status.Should().Be(MutationStatuses.Applied, "the id c1 was rolled back, so it is free");
        next.Seq.Should().Be(1, "the rolled-back batch used no seq");
    }
}
