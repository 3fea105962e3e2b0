using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol.Entities;

namespace SyncHub.Postman.Tests;

/// <summary>Helpers to read fixtures, edit entities and look at exported files.</summary>
internal static class TestFiles
{
    public static PostmanImport Read(string json, PostmanReadOptions? options = null) => PostmanReader.Read(Encoding.UTF8.GetBytes(json), options);

    public static JsonNode Parse(byte[] bytes) => JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })!;

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    public static PostmanEntity Named(this IEnumerable<PostmanEntity> entities, string name) =>
        entities.Single(e => JsonNode.Parse(e.Body)!["name"]?.GetValue<string>() == name);

    /// <summary>Edits an entity's body through its typed class, as the app would.</summary>
    public static PostmanEntity Edit<T>(this PostmanEntity entity, Action<T> edit) where T : EntityBody
    {
        var body = EntityJson.Deserialize<T>(entity.Body);
        edit(body);
        return entity with { Body = EntityJson.Serialize(body) };
    }

    public static List<PostmanEntity> Replace(this IEnumerable<PostmanEntity> entities, PostmanEntity changed) =>
        entities.Select(e => e.Id == changed.Id ? changed : e).ToList();

    public static string? FirstDifference(JsonNode? expected, JsonNode? actual)
    {
        using var a = JsonDocument.Parse(expected?.ToJsonString() ?? "null");
        using var b = JsonDocument.Parse(actual?.ToJsonString() ?? "null");
        return JsonDiff.FirstDifference(a.RootElement, b.RootElement);
    }
}
