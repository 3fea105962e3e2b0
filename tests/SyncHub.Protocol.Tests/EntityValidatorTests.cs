using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

public sealed class EntityValidatorTests
{
    [Theory]
    [InlineData(EntityKinds.Collection, """{"name":"Billing API"}""")]
    [InlineData(EntityKinds.Folder, """{"name":"Invoices","description":"kept as is"}""")]
    [InlineData(EntityKinds.Request, """{"name":"List","method":"GET","url":"https://example.com"}""")]
    [InlineData(EntityKinds.Response, """{"name":"OK"}""")]
    [InlineData(EntityKinds.HeaderPreset, """{"name":"JSON"}""")]
    [InlineData(EntityKinds.Environment, """{"name":"Staging"}""")]
    [InlineData(EntityKinds.EnvironmentVariable, """{"key":"token"}""")]
    [InlineData(EntityKinds.GlobalVariable, """{"key":"region","value":null}""")]
    [InlineData(EntityKinds.CollectionRun, """{"startedAt":0}""")]
    public void Accepts_minimal_bodies_of_every_kind(string kind, string body) => EntityValidator.Validate(kind, body).Should().BeNull();

    [Theory]
    [MemberData(nameof(EntitySamples.All), MemberType = typeof(EntitySamples))]
    public void Accepts_full_bodies_of_every_kind(string kind, string body) => EntityValidator.Validate(kind, body).Should().BeNull();

    [Fact]
    public void Every_kind_is_known()
    {
        EntityKinds.All.Should().BeEquivalentTo(
            ["collection", "folder", "request", "response", "headerPreset", "environment", "environmentVariable", "globalVariable", "collectionRun"]);
    }

    [Fact]
    public void Unknown_fields_are_accepted_at_every_level()
    {
        EntityValidator.Validate(EntityKinds.Request,
            """{"name":"r","future":{"x":1},"headers":[{"key":"a","value":"b","type":"text","warning":"w"}],"body":{"mode":"raw","raw":"","options":{"raw":{"language":"json"}}}}""")
            .Should().BeNull();
    }

    [Theory]
    [InlineData("spaceship")]
    [InlineData("Collection")]
    [InlineData("environments")]
    [InlineData("")]
    public void Refuses_unknown_kinds(string kind) =>
        EntityValidator.Validate(kind, """{"name":"x"}""")!.Code.Should().Be(ErrorCodes.UnknownKind);

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData(null)]
    public void Refuses_bodies_that_are_not_json_objects(string? body) =>
        EntityValidator.Validate(EntityKinds.Collection, body)!.Code.Should().Be(ErrorCodes.MalformedBody);

    [Theory]
    [InlineData(EntityKinds.Collection, """{"description":"no name"}""", "$.name")]
    [InlineData(EntityKinds.Folder, """{"name":"   "}""", "$.name")]
    [InlineData(EntityKinds.Request, """{"name":"r","url":42}""", "$.url")]
    [InlineData(EntityKinds.Request, """{"name":"r","method":["GET"]}""", "$.method")]
    [InlineData(EntityKinds.Request, """{"name":"r","headers":{"Accept":"json"}}""", "$.headers")]
    [InlineData(EntityKinds.Request, """{"name":"r","headers":[{"key":"a","value":"b"},{"value":"no key"}]}""", "$.headers[1].key")]
    [InlineData(EntityKinds.Request, """{"name":"r","headers":[{"key":"a","disabled":"yes"}]}""", "$.headers[0].disabled")]
    [InlineData(EntityKinds.Request, """{"name":"r","query":["a=b"]}""", "$.query[0]")]
    [InlineData(EntityKinds.Request, """{"name":"r","body":{"mode":"binary"}}""", "$.body.mode")]
    [InlineData(EntityKinds.Request, """{"name":"r","body":{"mode":"raw","raw":{"a":1}}}""", "$.body.raw")]
    [InlineData(EntityKinds.Request, """{"name":"r","body":{"mode":"formdata","formdata":[{"key":"f","type":"blob"}]}}""", "$.body.formdata[0].type")]
    [InlineData(EntityKinds.Request, """{"name":"r","body":{"mode":"graphql","graphql":{"query":1}}}""", "$.body.graphql.query")]
    [InlineData(EntityKinds.Request, """{"name":"r","body":{"mode":"file","file":"a.bin"}}""", "$.body.file")]
    [InlineData(EntityKinds.Request, """{"name":"r","body":"raw text"}""", "$.body")]
    [InlineData(EntityKinds.Request, """{"name":"r","auth":{"attributes":[]}}""", "$.auth.type")]
    [InlineData(EntityKinds.Request, """{"name":"r","auth":{"type":"bearer","attributes":[{"value":"t"}]}}""", "$.auth.attributes[0].key")]
    [InlineData(EntityKinds.Request, """{"name":"r","testScript":["line 1","line 2"]}""", "$.testScript")]
    [InlineData(EntityKinds.Collection, """{"name":"c","variables":[{"value":"v"}]}""", "$.variables[0].key")]
    [InlineData(EntityKinds.Collection, """{"name":"c","preRequestScript":7}""", "$.preRequestScript")]
    [InlineData(EntityKinds.Folder, """{"name":"f","auth":"bearer"}""", "$.auth")]
    [InlineData(EntityKinds.Response, """{"status":"OK"}""", "$.name")]
    [InlineData(EntityKinds.Response, """{"name":"x","code":"200"}""", "$.code")]
    [InlineData(EntityKinds.Response, """{"name":"x","code":20}""", "$.code")]
    [InlineData(EntityKinds.Response, """{"name":"x","body":{"id":1}}""", "$.body")]
    [InlineData(EntityKinds.Response, """{"name":"x","originalRequest":{"url":3}}""", "$.originalRequest.url")]
    [InlineData(EntityKinds.HeaderPreset, """{"name":"h","headers":[{"key":1}]}""", "$.headers[0].key")]
    [InlineData(EntityKinds.Environment, """{"key":"not a name"}""", "$.name")]
    [InlineData(EntityKinds.EnvironmentVariable, """{"name":"token"}""", "$.key")]
    [InlineData(EntityKinds.EnvironmentVariable, """{"key":""}""", "$.key")]
    [InlineData(EntityKinds.EnvironmentVariable, """{"key":"k","type":"text"}""", "$.type")]
    [InlineData(EntityKinds.EnvironmentVariable, """{"key":"k","value":5}""", "$.value")]
    [InlineData(EntityKinds.GlobalVariable, """{"key":"k","enabled":"true"}""", "$.enabled")]
    [InlineData(EntityKinds.GlobalVariable, """{"key":"k","type":"SECRET"}""", "$.type")]
    [InlineData(EntityKinds.CollectionRun, """{"finishedAt":1}""", "$.startedAt")]
    [InlineData(EntityKinds.CollectionRun, """{"startedAt":"2026-01-01"}""", "$.startedAt")]
    [InlineData(EntityKinds.CollectionRun, """{"startedAt":1,"totals":{"tests":-1}}""", "$.totals.tests")]
    [InlineData(EntityKinds.CollectionRun, """{"startedAt":1,"results":[{"name":"no id"}]}""", "$.results[0].requestId")]
    [InlineData(EntityKinds.CollectionRun, """{"startedAt":1,"results":[{"requestId":"r","responseTime":1.5}]}""", "$.results[0].responseTime")]
    [InlineData(EntityKinds.CollectionRun, """{"startedAt":1,"results":[{"requestId":"r","tests":[{"name":"t"}]}]}""", "$.results[0].tests[0].passed")]
    [InlineData(EntityKinds.Request, """{"name":"r","rank":"a0"}""", "$.rank")]
    [InlineData(EntityKinds.Folder, """{"name":"f","rank":""}""", "$.rank")]
    [InlineData(EntityKinds.GlobalVariable, """{"key":"k","rank":"a-b"}""", "$.rank")]
    [InlineData(EntityKinds.Collection, """{"name":"c","rank":5}""", "$.rank")]
    public void Refuses_bodies_that_break_the_kinds_rules_naming_the_field_and_its_path(string kind, string body, string path)
    {
        var error = EntityValidator.Validate(kind, body);
        error.Should().NotBeNull();
        error!.Code.Should().Be(ErrorCodes.InvalidEntity);
        error.Message.Should().Contain($"(at {path}", "the message names where the problem is");
        error.Message.Should().Contain($"'{path.Split('.')[^1].Split('[')[0]}'", "the message names the field");
    }

    [Fact]
    public void Variables_need_a_key_not_a_name()
    {
        EntityValidator.Validate(EntityKinds.EnvironmentVariable, """{"key":"token"}""").Should().BeNull();
        EntityValidator.Validate(EntityKinds.EnvironmentVariable, """{"name":"token"}""")!.Message.Should().Contain("'key'");
        EntityValidator.Validate(EntityKinds.Environment, """{"key":"token"}""")!.Message.Should().Contain("'name'");
    }

    [Fact]
    public void Collections_are_roots_and_folders_and_requests_live_in_collections_or_folders()
    {
        EntityValidator.AllowedParents(EntityKinds.Collection).Should().BeEmpty();
        EntityValidator.AllowedParents(EntityKinds.Folder).Should().BeEquivalentTo([EntityKinds.Collection, EntityKinds.Folder]);
        EntityValidator.AllowedParents(EntityKinds.Request).Should().BeEquivalentTo([EntityKinds.Collection, EntityKinds.Folder]);
    }

    [Fact]
    public void The_new_kinds_have_their_parents()
    {
        EntityValidator.AllowedParents(EntityKinds.Response).Should().Equal(EntityKinds.Request);
        EntityValidator.AllowedParents(EntityKinds.EnvironmentVariable).Should().Equal(EntityKinds.Environment);
        EntityValidator.AllowedParents(EntityKinds.CollectionRun).Should().Equal(EntityKinds.Collection);
        foreach (var root in new[] { EntityKinds.HeaderPreset, EntityKinds.Environment, EntityKinds.GlobalVariable })
            EntityValidator.AllowedParents(root).Should().BeEmpty(root + " is a root");
    }

    [Fact]
    public void Children_are_what_a_delete_takes_along()
    {
        EntityValidator.AllowedChildren(EntityKinds.Collection).Should().BeEquivalentTo([EntityKinds.Folder, EntityKinds.Request, EntityKinds.CollectionRun]);
        EntityValidator.AllowedChildren(EntityKinds.Folder).Should().BeEquivalentTo([EntityKinds.Folder, EntityKinds.Request]);
        EntityValidator.AllowedChildren(EntityKinds.Request).Should().Equal(EntityKinds.Response);
        EntityValidator.AllowedChildren(EntityKinds.Environment).Should().Equal(EntityKinds.EnvironmentVariable);
        EntityValidator.AllowedChildren(EntityKinds.GlobalVariable).Should().BeEmpty();
    }
}
