using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;

namespace SyncHub.Postman.Tests;

/// <summary>What an import makes: new ids, parents first, ranks in file order, the typed fields.</summary>
public sealed class ImportTests
{
    [Fact]
    public void Every_import_gives_new_ids_from_the_options()
    {
        var n = 0;
        var options = new PostmanReadOptions { NewId = () => $"n{++n}" };
        var first = TestFiles.Read(Fixtures.CollectionV21, options);
        var second = TestFiles.Read(Fixtures.CollectionV21, options);

        first.Entities.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        first.Entities.Select(e => e.Id).Should().NotIntersectWith(second.Entities.Select(e => e.Id));
        first.Entities.Should().OnlyContain(e => e.Id.StartsWith('n'));
    }

    [Fact]
    public void Parents_come_before_children_and_siblings_are_ranked_in_file_order()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var seen = new HashSet<string>();
        foreach (var e in import.Entities)
        {
            if (e.ParentId is not null) seen.Should().Contain(e.ParentId);
            seen.Add(e.Id);
            EntityValidator.Validate(e.Kind, e.Body).Should().BeNull();
        }

        var folder = import.Entities.Named("Orders");
        var inFolder = import.Entities.Where(e => e.ParentId == folder.Id).ToList();
        inFolder.Select(e => JsonNode.Parse(e.Body)!["name"]!.GetValue<string>()).Should().Equal("List orders", "Create order");
        inFolder.Select(e => JsonNode.Parse(e.Body)!["rank"]!.GetValue<string>()).Should().Equal(EntityRank.Sequence(2));

        var roots = import.Entities.Where(e => e.ParentId == import.Roots.Single().Id).Select(e => e.Kind);
        roots.Should().Equal(EntityKinds.Folder, EntityKinds.Request);
    }

    [Fact]
    public void Postman_fields_map_onto_the_typed_fields()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var collection = EntityJson.Deserialize<CollectionEntity>(import.Roots.Single().Body);
        collection.Name.Should().Be("Shop API");
        collection.Description.Should().Be("Orders and **customers**.");
        collection.Variables!.Select(v => (v.Key, v.Value)).Should().Equal(("baseUrl", "https://api.example.com"), ("retries", "3"));

        var list = EntityJson.Deserialize<RequestEntity>(import.Entities.Named("List orders").Body);
        list.Method.Should().Be("GET");
        list.Url.Should().Be("{{baseUrl}}/orders?page=1");
        list.Query!.Select(q => (q.Key, q.Disabled)).Should().Equal(("page", (bool?)null), ("size", true));
        list.Headers!.Single().Extra!["type"].GetString().Should().Be("text");
        list.TestScript.Should().Be("pm.test(\"ok\", () => {\n  pm.response.to.have.status(200);\n});");

        var create = EntityJson.Deserialize<RequestEntity>(import.Entities.Named("Create order").Body);
        create.Auth!.Type.Should().Be("bearer");
        create.Auth.Attributes!.Single().Key.Should().Be("token");
        create.Body!.Mode.Should().Be("raw");
        create.Body.Language.Should().Be("json");

        var response = EntityJson.Deserialize<ResponseEntity>(import.Entities.Named("Grüße").Body);
        response.Code.Should().Be(200);
        response.PreviewLanguage.Should().Be("json");
        response.OriginalRequest!.Url.Should().Be("{{baseUrl}}/orders");
    }

    [Fact]
    public void V20_map_auth_and_exec_string_become_attributes_and_a_script()
    {
        var import = TestFiles.Read(Fixtures.CollectionV20);
        var collection = EntityJson.Deserialize<CollectionEntity>(import.Roots.Single().Body);
        collection.Auth!.Attributes!.Single().Key.Should().Be("token");

        var login = EntityJson.Deserialize<RequestEntity>(import.Entities.Named("Login").Body);
        login.Auth!.Attributes!.Select(a => a.Key).Should().Equal("username", "password", "showPassword");
        login.TestScript.Should().Be("tests['ok'] = true;");
        login.Url.Should().Be("https://legacy.example.com/login");
        login.Body!.FormData!.Single().Disabled.Should().BeNull("'enabled': true means not disabled");
    }

    [Fact]
    public void Environment_values_become_variables_and_old_types_the_default()
    {
        var import = TestFiles.Read(Fixtures.Environment);
        import.Roots.Single().Kind.Should().Be(EntityKinds.Environment);
        var values = import.Entities.Where(e => e.Kind == EntityKinds.EnvironmentVariable).Select(e => EntityJson.Deserialize<EnvironmentVariableEntity>(e.Body)).ToList();
        values.Select(v => (v.Key, v.Type, v.IsEnabled)).Should().Equal(("baseUrl", "default", true), ("token", "secret", true), ("old", null, false));
    }

    [Fact]
    public void Globals_are_root_variables_and_a_dump_gives_every_kind_of_root()
    {
        TestFiles.Read(Fixtures.Globals).Entities.Should().OnlyContain(e => e.Kind == EntityKinds.GlobalVariable && e.ParentId == null).And.HaveCount(2);

        var dump = TestFiles.Read(Fixtures.Dump);
        dump.Roots.Select(r => r.Kind).Should().Equal(EntityKinds.Collection, EntityKinds.Environment, EntityKinds.HeaderPreset, EntityKinds.GlobalVariable);
        var users = dump.Entities.Named("Users");
        dump.Entities.Where(e => e.ParentId == users.Id).Select(e => JsonNode.Parse(e.Body)!["name"]!.GetValue<string>())
            .Should().Equal(["Create user", "Get user"], "the folder's order list says r2 before r1");
        var headers = EntityJson.Deserialize<RequestEntity>(dump.Entities.Named("Get user").Body).Headers!;
        headers.Single().Key.Should().Be("Accept");
        EntityJson.Deserialize<ResponseEntity>(dump.Entities.Named("Created").Body).Code.Should().Be(201);
    }

    [Fact]
    public void Collection_saved_under_any_name_is_recognised_from_content_in_an_envelope_too()
    {
        var envelope = TestFiles.Read($$"""{"collection": {{Fixtures.CollectionV21}}}""");
        envelope.Kind.Should().Be(PostmanFileKind.CollectionV21);
        envelope.Entities.Should().HaveCount(TestFiles.Read(Fixtures.CollectionV21).Entities.Count);
    }
}
