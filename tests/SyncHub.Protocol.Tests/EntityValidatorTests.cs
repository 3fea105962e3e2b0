using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

public sealed class EntityValidatorTests
{
    [Theory]
    [InlineData(EntityKinds.Collection, """{"name":"Billing API"}""")]
    [InlineData(EntityKinds.Folder, """{"name":"Invoices","description":"kept as is"}""")]
    [InlineData(EntityKinds.Request, """{"name":"List","method":"GET","url":"https://example.com"}""")]
    public void Accepts_valid_bodies(string kind, string body) => EntityValidator.Validate(kind, body).Should().BeNull();

    [Theory]
    [InlineData("environment")]
    [InlineData("Collection")]
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
    [InlineData(EntityKinds.Collection, """{"description":"no name"}""")]
    [InlineData(EntityKinds.Folder, """{"name":"   "}""")]
    [InlineData(EntityKinds.Request, """{"name":"r","url":42}""")]
    public void Refuses_bodies_that_break_the_kinds_rules(string kind, string body)
    {
        var error = EntityValidator.Validate(kind, body);
        error!.Code.Should().Be(ErrorCodes.InvalidEntity);
        error.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Collections_are_roots_and_folders_and_requests_live_in_collections_or_folders()
    {
        EntityValidator.AllowedParents(EntityKinds.Collection).Should().BeEmpty();
        EntityValidator.AllowedParents(EntityKinds.Request).Should().BeEquivalentTo([EntityKinds.Collection, EntityKinds.Folder]);
    }
}
