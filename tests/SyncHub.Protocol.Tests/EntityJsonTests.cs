using System.Text.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;

namespace SyncHub.Protocol.Tests;

public sealed class EntityJsonTests
{
    [Theory]
    [MemberData(nameof(EntitySamples.All), MemberType = typeof(EntitySamples))]
    public void Every_valid_body_reads_as_its_type_and_writes_back_the_same_json(string kind, string body)
    {
        var typed = EntityJson.Deserialize(kind, body);

        typed.Kind.Should().Be(kind);
        typed.GetType().Should().Be(EntityJson.TypeOf(kind));
        var written = EntityJson.Serialize(typed);
        EntityMerge.AreEquivalent(written, body).Should().BeTrue($"nothing is lost or added:\n{written}\nvs\n{body}");
        EntityValidator.Validate(kind, written).Should().BeNull();
    }

    [Fact]
    public void A_request_reads_into_typed_fields()
    {
        var request = EntityJson.Deserialize<RequestEntity>(EntitySamples.RawRequest);

        request.Name.Should().Be("Create invoice");
        request.Method.Should().Be("POST");
        request.Rank.Should().Be("V");
        request.Headers.Should().HaveCount(2);
        request.Headers![1].Disabled.Should().BeTrue();
        request.Body!.Mode.Should().Be(BodyModes.Raw);
        request.Body.Language.Should().Be("json");
        request.Auth!.Type.Should().Be(AuthTypes.NoAuth);
        request.PathVariables![0].Value.Should().Be("42");

        var form = EntityJson.Deserialize<RequestEntity>(EntitySamples.FormDataRequest).Body!;
        form.FormData!.Select(p => p.Type).Should().Equal(FormDataPartTypes.Text, FormDataPartTypes.File);
        form.FormData![1].Src.Should().Be("report.pdf");
        EntityJson.Deserialize<RequestEntity>(EntitySamples.GraphQLRequest).Body!.GraphQL!.Variables.Should().Be("""{"first":10}""");
        EntityJson.Deserialize<RequestEntity>(EntitySamples.FileRequest).Body!.File!.Src.Should().Be("blob.bin");
    }

    [Fact]
    public void Runs_variables_and_responses_read_into_typed_fields()
    {
        var run = EntityJson.Deserialize<CollectionRunEntity>(EntitySamples.CollectionRun);
        run.StartedAt.Should().Be(1767225600000);
        run.Totals!.FailedTests.Should().Be(1);
        run.Results![0].Tests![1].Passed.Should().BeFalse();
        run.Results[0].Tests![1].Error.Should().Contain("expected");

        var secret = EntityJson.Deserialize<EnvironmentVariableEntity>(EntitySamples.EnvironmentVariable);
        secret.Type.Should().Be(VariableTypes.Secret);
        secret.IsEnabled.Should().BeTrue();
        EntityJson.Deserialize<GlobalVariableEntity>(EntitySamples.GlobalVariable).IsEnabled.Should().BeFalse();
        EntityJson.Deserialize<GlobalVariableEntity>("""{"key":"k"}""").IsEnabled.Should().BeTrue("a missing flag means enabled");

        var response = EntityJson.Deserialize<ResponseEntity>(EntitySamples.Response);
        response.Code.Should().Be(201);
        response.OriginalRequest!.Body!.Raw.Should().Be("""{"amount":12}""");

        var folder = EntityJson.Deserialize<FolderEntity>(EntitySamples.Folder);
        folder.Auth!.Attributes![1].Value!.Value.ValueKind.Should().Be(JsonValueKind.False, "auth values may be booleans, as in Postman");
    }

    [Fact]
    public void Unknown_fields_survive_at_every_level()
    {
        const string body = """
            {"name":"r","fromTheFuture":{"a":[1,2]},"method":"GET",
             "headers":[{"key":"a","value":"b","type":"text","warning":"dup"}],
             "body":{"mode":"raw","raw":"x","options":{"raw":{"language":"json"}}},
             "auth":{"type":"jwt","attributes":[{"key":"secret","value":"s","extra":true}],"jwtVersion":2}}
            """;

        var typed = EntityJson.Deserialize<RequestEntity>(body);
        typed.Extra.Should().ContainKey("fromTheFuture");
        typed.Headers![0].Extra.Should().ContainKeys("type", "warning");
        typed.Body!.Extra.Should().ContainKey("options");

        typed.Name = "renamed";
        var written = EntityJson.Serialize(typed);
        EntityMerge.AreEquivalent(written, body.Replace("\"name\":\"r\"", "\"name\":\"renamed\"", StringComparison.Ordinal)).Should().BeTrue(written);
    }

    [Fact]
    public void A_new_body_is_written_in_camel_case_without_nulls()
    {
        var variable = new EnvironmentVariableEntity { Key = "token", Value = "t", Type = VariableTypes.Secret };
        EntityJson.Serialize(variable).Should().Be("""{"key":"token","value":"t","type":"secret"}""");

        var request = new RequestEntity
        {
            Name = "Ünïcode ✓",
            Method = "POST",
            Body = new HttpRequestBody { Mode = BodyModes.UrlEncoded, UrlEncoded = [new KeyValueEntry { Key = "a", Value = "1" }] },
        };
        EntityJson.Serialize(request).Should().Be("""{"name":"Ünïcode ✓","method":"POST","body":{"mode":"urlencoded","urlencoded":[{"key":"a","value":"1"}]}}""");
    }

    [Fact]
    public void Unknown_kinds_have_no_type() =>
        FluentActions.Invoking(() => EntityJson.TypeOf("spaceship")).Should().Throw<ArgumentException>();
}
