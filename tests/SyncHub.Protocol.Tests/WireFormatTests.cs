using System.Text.Json;
using MessagePack;
using MessagePack.Resolvers;
using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

/// <summary>A client in another language relies on these names: they are the contract of docs/PROTOCOL.md.</summary>
public sealed class WireFormatTests
{
    private static readonly Mutation Sample = new()
    {
        MutationId = "m1", WorkspaceId = "w1", Op = MutationOps.Update, Kind = EntityKinds.Request,
        EntityId = "e1", ParentId = "c1", Body = """{"name":"r"}""", BaseVersion = 3,
    };

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Json_uses_the_documented_camel_case_names()
    {
        var json = JsonSerializer.Serialize(Sample, Web);
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            ["mutationId", "workspaceId", "op", "kind", "entityId", "parentId", "body", "baseVersion", "baseParentId", "baseBody"]);
    }

    [Fact]
    public void MessagePack_uses_the_same_names_as_json()
    {
        // SignalR's MessagePack protocol resolves attributed types with the standard resolver chain.
        var options = MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance);
        var bytes = MessagePackSerializer.Serialize(Sample, options);
        var asMap = MessagePackSerializer.Deserialize<Dictionary<string, object?>>(bytes, options);
        asMap.Keys.Should().BeEquivalentTo(["mutationId", "workspaceId", "op", "kind", "entityId", "parentId", "body", "baseVersion", "baseParentId", "baseBody"]);

        var back = MessagePackSerializer.Deserialize<Mutation>(bytes, options);
        back.Should().BeEquivalentTo(Sample);
    }

    [Fact]
    public void A_change_push_round_trips_through_messagepack()
    {
        var push = new ChangesPush
        {
            WorkspaceId = "w1",
            Changes = [new Change { Seq = 7, Op = MutationOps.Delete, Kind = EntityKinds.Folder, EntityId = "f", Version = 2, MutationId = "m", DeviceId = "d", Timestamp = 1 }],
        };
        var options = MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance);
        MessagePackSerializer.Deserialize<ChangesPush>(MessagePackSerializer.Serialize(push, options), options)
            .Should().BeEquivalentTo(push);
    }
}
