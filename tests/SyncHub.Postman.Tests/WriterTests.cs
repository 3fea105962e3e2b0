using System.Text;
using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;

namespace SyncHub.Postman.Tests;

/// <summary>What the writers write: the v2.1 schema, Postman's formatting, children by rank, new entities.</summary>
public sealed class WriterTests
{
    private static byte[] WriteCollection(IReadOnlyCollection<PostmanEntity> entities, string id)
    {
        using var output = new MemoryStream();
        PostmanWriter.WriteCollection(entities, id, output);
        return output.ToArray();
    }

    [Fact]
    public void V20_collection_written_as_a_collection_is_v21_with_array_auth()
    {
        var import = TestFiles.Read(Fixtures.CollectionV20);
        var file = TestFiles.Parse(WriteCollection(import.Entities, import.Roots.Single().Id));

        file["info"]!["schema"]!.GetValue<string>().Should().Be("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
        file["auth"]!["bearer"].Should().BeOfType<JsonArray>();
        file["auth"]!["bearer"]![0]!["key"]!.GetValue<string>().Should().Be("token");
        var login = file["item"]![0]!;
        login["request"]!["auth"]!["basic"]!.AsArray().Select(a => a!["key"]!.GetValue<string>()).Should().Equal("username", "password", "showPassword");
        login["request"]!["url"]!["raw"]!.GetValue<string>().Should().Be("https://legacy.example.com/login");
        login["event"]![0]!["script"]!["exec"].Should().BeOfType<JsonArray>("v2.1 writes script lines as an array");
        file["info"]!["_postman_id"]!.GetValue<string>().Should().Be("0f5c3a52-2222-4c2e-9a51-5a3f1f1d0002", "unknown members are kept across formats");
    }

    [Fact]
    public void Corpus_v20_file_written_as_v21_has_v21_auth()
    {
        if (Corpus.Folder is null) return; // Corpus_is_present fails plainly in that case.
        var import = PostmanReader.Read(Corpus.Bytes("collection-v20-paypal-partner-auth-map-examples.json"));
        var text = Encoding.UTF8.GetString(WriteCollection(import.Entities, import.Roots.Single().Id));
        var file = TestFiles.Parse(text);
        file["info"]!["schema"]!.GetValue<string>().Should().Contain("v2.1.0");
        foreach (var auth in AllAuth(file))
        {
            var type = auth["type"]!.GetValue<string>();
            if (auth[type] is { } attributes) attributes.Should().BeOfType<JsonArray>("auth '{0}' in v2.1", type);
        }
    }

    private static IEnumerable<JsonObject> AllAuth(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["auth"] is JsonObject auth) yield return auth;
                foreach (var (_, v) in o)
                {
                    foreach (var a in AllAuth(v)) yield return a;
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var x in AllAuth(item)) yield return x;
                }
                break;
        }
    }

    [Fact]
    public void Output_is_tab_indented_utf8_without_bom_with_raw_non_ascii()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var bytes = WriteCollection(import.Entities, import.Roots.Single().Id);
        bytes.AsSpan(0, 3).ToArray().Should().NotEqual(Encoding.UTF8.GetPreamble());
        var text = Encoding.UTF8.GetString(bytes);
        text.Should().StartWith("{\n\t\"info\": {\n\t\t");
        text.Should().Contain("Grüße").And.Contain("日本語").And.NotContain("\\u00FC");
        text.Should().NotEndWith("\n");
    }

    [Fact]
    public void Children_are_written_in_rank_order()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var ping = import.Entities.Named("Ping").Edit<RequestEntity>(r => r.Rank = EntityRank.Before(EntityRank.Sequence(2)[0]));
        var file = TestFiles.Parse(WriteCollection(import.Entities.Replace(ping), import.Roots.Single().Id));
        file["item"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Equal("Ping", "Orders");
    }

    [Fact]
    public void Entities_made_in_synchub_are_written_canonically()
    {
        var entities = new List<PostmanEntity>
        {
            new("c", EntityKinds.Collection, null, EntityJson.Serialize(new CollectionEntity { Name = "New", Rank = "V" })),
            new("r", EntityKinds.Request, "c", EntityJson.Serialize(new RequestEntity
            {
                Name = "Get", Method = "GET", Url = "https://x.example.com:8443/a/b?q=1", Rank = "V",
                Query = [new KeyValueEntry { Key = "q", Value = "1" }],
                Auth = new AuthSettings { Type = "bearer", Attributes = [new AuthParameter { Key = "token", Value = System.Text.Json.JsonSerializer.SerializeToElement("t") }] },
                TestScript = "a\nb",
            })),
            new("e", EntityKinds.Environment, null, EntityJson.Serialize(new EnvironmentEntity { Name = "Env", Rank = "k" })),
            new("v", EntityKinds.EnvironmentVariable, "e", EntityJson.Serialize(new EnvironmentVariableEntity { Key = "k", Value = "1", Rank = "V" })),
        };
        var file = TestFiles.Parse(WriteCollection(entities, "c"));
        TestFiles.FirstDifference(TestFiles.Parse("""
            {
              "info": {"name": "New", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
              "item": [{
                "name": "Get",
                "event": [{"listen": "test", "script": {"exec": ["a", "b"], "type": "text/javascript"}}],
                "request": {
                  "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "t"}]},
                  "method": "GET",
                  "url": {"raw": "https://x.example.com:8443/a/b?q=1", "protocol": "https", "host": ["x", "example", "com"], "port": "8443", "path": ["a", "b"], "query": [{"key": "q", "value": "1"}]}
                },
                "response": []
              }]
            }
            """), file).Should().BeNull();

        using var env = new MemoryStream();
        PostmanWriter.WriteEnvironment(entities, "e", env);
        var environment = TestFiles.Parse(env.ToArray());
        environment["id"]!.GetValue<string>().Should().Be("e");
        environment["_postman_variable_scope"]!.GetValue<string>().Should().Be("environment");
        environment["values"]![0]!["key"]!.GetValue<string>().Should().Be("k");
    }

    [Fact]
    public void Writer_refuses_an_id_that_is_not_a_collection()
    {
        var import = TestFiles.Read(Fixtures.Environment);
        var write = () => WriteCollection(import.Entities, import.Roots.Single().Id);
        write.Should().Throw<ArgumentException>().WithParameterName("collectionId");
    }

    [Fact]
    public void V1_collection_from_a_dump_written_as_a_collection_is_a_v21_file_that_reads_back_the_same()
    {
        var dump = TestFiles.Read(Fixtures.Dump);
        var collection = dump.Roots.First(r => r.Kind == EntityKinds.Collection);
        var bytes = WriteCollection(dump.Entities, collection.Id);
        var file = TestFiles.Parse(bytes);
        file["info"]!["schema"]!.GetValue<string>().Should().Contain("v2.1.0");
        file["item"]![0]!["name"]!.GetValue<string>().Should().Be("Users");
        file["item"]![0]!["item"]![0]!["request"]!["body"]!["raw"]!.GetValue<string>().Should().Be("{\"name\": \"Олег\"}");
        file["item"]![0]!["item"]![0]!["response"]![0]!["code"]!.GetValue<int>().Should().Be(201);
        file.ToJsonString().Should().NotContain("rawModeData").And.NotContain("collectionId");

        var again = PostmanReader.Read(bytes);
        again.Kind.Should().Be(PostmanFileKind.CollectionV21);
        again.Entities.Select(e => (e.Kind, TestFiles.Parse(e.Body)["name"]?.GetValue<string>()))
            .Should().Equal(dump.Entities.Where(e => e.Kind is "collection" or "folder" or "request" or "response").Select(e => (e.Kind, TestFiles.Parse(e.Body)["name"]?.GetValue<string>())));
    }

    [Fact]
    public void Dump_environment_and_globals_export_as_their_own_files()
    {
        var dump = TestFiles.Read(Fixtures.Dump);
        var environmentId = dump.Roots.Single(r => r.Kind == EntityKinds.Environment).Id;
        using var env = new MemoryStream();
        PostmanWriter.WriteEnvironment(dump.Entities, environmentId, env);
        var environment = TestFiles.Parse(env.ToArray());
        environment["id"]!.GetValue<string>().Should().Be("e1");
        environment["_postman_variable_scope"]!.GetValue<string>().Should().Be("environment");
        environment["_postman_exported_using"]!.GetValue<string>().Should().Be("SyncHub");
        environment["timestamp"]!.GetValue<long>().Should().Be(1463475826996);
        environment["values"]![0]!["type"]!.GetValue<string>().Should().Be("text");

        using var globals = new MemoryStream();
        PostmanWriter.WriteGlobals(dump.Entities, globals);
        var file = TestFiles.Parse(globals.ToArray());
        file["_postman_variable_scope"]!.GetValue<string>().Should().Be("globals");
        file["values"]!.AsArray().Select(v => v!["key"]!.GetValue<string>()).Should().Equal("g");
        PostmanReader.Read(globals.ToArray()).Kind.Should().Be(PostmanFileKind.Globals);
    }

    [Fact]
    public void Environment_export_in_a_dump_loses_its_export_stamps()
    {
        var import = TestFiles.Read(Fixtures.Environment);
        using var output = new MemoryStream();
        PostmanWriter.WriteDump(import.Entities, PostmanDumpContent.All, output);
        var environment = TestFiles.Parse(output.ToArray())["environments"]![0]!.AsObject();
        environment.Select(p => p.Key).Should().Equal("id", "name", "values");
    }

    [Theory]
    [InlineData(nameof(Fixtures.CollectionV21))]
    [InlineData(nameof(Fixtures.CollectionV20))]
    public void V2_collection_written_in_a_dump_reads_back_with_the_same_typed_requests(string fixture)
    {
        var import = TestFiles.Read((string)typeof(Fixtures).GetField(fixture)!.GetValue(null)!);
        using var output = new MemoryStream();
        PostmanWriter.WriteDump(import.Entities, PostmanDumpContent.All, output);
        var again = PostmanReader.Read(output.ToArray());

        static IEnumerable<object?> Requests(PostmanImport i) => i.Entities.Where(e => e.Kind == EntityKinds.Request).Select(e => EntityJson.Deserialize<RequestEntity>(e.Body)).Select(r => (object?)new
        {
            r.Name, r.Method, r.Url, r.PreRequestScript, r.TestScript, Mode = r.Body?.Mode, r.Body?.Raw,
            Form = string.Join(";", r.Body?.FormData?.Select(f => $"{f.Key}={f.Value}/{f.Disabled}") ?? []),
            Auth = r.Auth?.Type, AuthKeys = string.Join(",", r.Auth?.Attributes?.Select(a => a.Key) ?? []),
            Headers = string.Join(";", r.Headers?.Select(h => $"{h.Key}={h.Value}/{h.Disabled}") ?? []),
        });
        Requests(again).Should().Equal(Requests(import));
        again.Entities.Select(e => e.Kind).Should().Equal(import.Entities.Select(e => e.Kind));
    }

    [Fact]
    public void Dump_content_selects_what_is_written()
    {
        var import = TestFiles.Read(Fixtures.Dump);
        using var output = new MemoryStream();
        PostmanWriter.WriteDump(import.Entities, PostmanDumpContent.Collections, output);
        var dump = TestFiles.Parse(output.ToArray());
        dump["collections"]!.AsArray().Should().HaveCount(1);
        dump["environments"]!.AsArray().Should().BeEmpty();
        dump["globals"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public void V21_collection_in_a_dump_is_written_in_v1_form_with_consistent_ids()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        using var output = new MemoryStream();
        PostmanWriter.WriteDump(import.Entities, PostmanDumpContent.All, output);
        var collection = TestFiles.Parse(output.ToArray())["collections"]![0]!;
        var requests = collection["requests"]!.AsArray();
        requests.Should().HaveCount(3);
        var folder = collection["folders"]![0]!;
        folder["order"]!.AsArray().Select(id => id!.GetValue<string>()).Should()
            .Equal(requests.Where(r => r!["folder"]?.GetValue<string>() == folder["id"]!.GetValue<string>()).Select(r => r!["id"]!.GetValue<string>()));
        collection["order"]!.AsArray().Should().ContainSingle();
        requests.Select(r => r!["headers"]).Should().Contain(h => h!.GetValue<string>() == "Content-Type: application/json\n");
        TestFiles.Read(output.ToArray().Length > 0 ? Encoding.UTF8.GetString(output.ToArray()) : "{}").Kind.Should().Be(PostmanFileKind.DataDump);
    }
}
