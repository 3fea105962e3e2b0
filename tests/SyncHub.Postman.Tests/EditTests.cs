using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;

namespace SyncHub.Postman.Tests;

/// <summary>Edits made in SyncHub show in the export; everything else stays as it came.</summary>
public sealed class EditTests
{
    private static JsonNode Export(PostmanImport import, List<PostmanEntity> entities) => TestFiles.Parse(RoundTrip.Export(import, entities));

    [Fact]
    public void Edits_show_up_and_the_rest_stays_as_it_was()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var entities = import.Entities.ToList();
        var original = TestFiles.Parse(Fixtures.CollectionV21);

        entities = entities.Replace(entities.Named("List orders").Edit<RequestEntity>(r =>
        {
            r.Name = "All orders";
            r.Headers![0].Value = "application/xml";
        }));
        entities = entities.Replace(entities.Named("Create order").Edit<RequestEntity>(r => r.Url = "https://api.example.com/v2/orders"));
        var ping = entities.Named("Ping");
        entities.Remove(ping);
        var orders = entities.Named("Orders");
        entities.Add(new PostmanEntity("new", EntityKinds.Request, orders.Id, EntityJson.Serialize(new RequestEntity { Name = "Cancel order", Method = "DELETE", Url = "{{baseUrl}}/orders/1", Rank = "z" })));

        var file = Export(import, entities);

        var items = file["item"]!.AsArray();
        items.Should().HaveCount(1, "Ping was deleted");
        var folder = items[0]!;
        folder["item"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Equal("All orders", "Create order", "Cancel order");

        var list = folder["item"]![0]!;
        list["request"]!["header"]![0]!["value"]!.GetValue<string>().Should().Be("application/xml");
        list["request"]!["header"]![0]!["type"]!.GetValue<string>().Should().Be("text", "a header's other members stay");
        var originalList = original["item"]![0]!["item"]![0]!;
        TestFiles.FirstDifference(originalList["event"], list["event"]).Should().BeNull("the script was not changed");
        TestFiles.FirstDifference(originalList["request"]!["url"], list["request"]!["url"]).Should().BeNull();
        TestFiles.FirstDifference(originalList["response"], list["response"]).Should().BeNull();
        list["protocolProfileBehavior"]!["disableBodyPruning"]!.GetValue<bool>().Should().BeTrue();

        var create = folder["item"]![1]!;
        create["request"]!["url"]!["raw"]!.GetValue<string>().Should().Be("https://api.example.com/v2/orders");
        create["request"]!["url"]!["path"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("v2", "orders");
        TestFiles.FirstDifference(original["item"]![0]!["item"]![1]!["request"]!["body"], create["request"]!["body"]).Should().BeNull();

        var added = folder["item"]![2]!;
        added["request"]!["method"]!.GetValue<string>().Should().Be("DELETE");
        added["request"]!["url"]!["host"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("{{baseUrl}}");

        TestFiles.FirstDifference(original["info"], file["info"]).Should().BeNull();
        TestFiles.FirstDifference(original["variable"], file["variable"]).Should().BeNull();
        folder["_postman_isSubFolder"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Edited_script_replaces_the_remembered_one_and_keeps_the_events_other_members()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var entities = import.Entities.ToList().Replace(import.Entities.Named("List orders").Edit<RequestEntity>(r => r.TestScript = "pm.test('new');"));
        var file = Export(import, entities);
        var script = file["item"]![0]!["item"]![0]!["event"]![0]!["script"]!;
        script["exec"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal("pm.test('new');");
        script["id"]!.GetValue<string>().Should().Be("e1");
    }

    [Fact]
    public void Edited_remembered_value_of_another_form_is_written_canonically()
    {
        var import = TestFiles.Read(Fixtures.CollectionV21);
        var collection = import.Roots.Single().Edit<CollectionEntity>(c => c.Description = "Changed.");
        var file = Export(import, import.Entities.ToList().Replace(collection));
        file["info"]!["description"]!.GetValue<string>().Should().Be("Changed.", "the object form is only kept while the content is the same");

        var unchanged = Export(import, import.Entities.ToList());
        unchanged["info"]!["description"]!["type"]!.GetValue<string>().Should().Be("text/markdown");
    }

    [Fact]
    public void Variable_edits_show_and_unchanged_old_types_stay()
    {
        var import = TestFiles.Read(Fixtures.Environment);
        var entities = import.Entities.ToList();
        var token = entities.Single(e => e.Body.Contains("\"token\"", StringComparison.Ordinal)).Edit<EnvironmentVariableEntity>(v => v.Value = "xyz");
        var file = Export(import, entities.Replace(token));
        var values = file["values"]!.AsArray();
        values[1]!["value"]!.GetValue<string>().Should().Be("xyz");
        values[2]!["type"]!.GetValue<string>().Should().Be("text");
        values[2]!["description"]!.GetValue<string>().Should().Be("kept");
        file["_postman_exported_using"]!.GetValue<string>().Should().Be("Postman/10.24.26");
    }

    [Fact]
    public void Dump_edits_keep_the_old_ids_and_the_order_lists()
    {
        var import = TestFiles.Read(Fixtures.Dump);
        var entities = import.Entities.ToList();
        entities = entities.Replace(entities.Named("Get user").Edit<RequestEntity>(r => r.Headers = [new KeyValueEntry { Key = "Accept", Value = "application/json" }]));
        var file = Export(import, entities);
        var collection = file["collections"]![0]!;
        var r1 = collection["requests"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "r1")!;
        r1["headers"]!.GetValue<string>().Should().Be("Accept: application/json\n");
        collection["folders"]![0]!["order"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal("r2", "r1");
        collection["requests"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Should().Equal("r1", "r2", "r3");
    }
}
