using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Writes a collection in v1 form (for a data dump): the flat <c>folders</c> and <c>requests</c> lists, in their
/// original places where known, and the <c>order</c> lists rebuilt from the ranks. Ids are the old ones where kept.
/// </summary>
internal sealed class CollectionV1Writer(Utf8JsonWriter writer)
{
    private const string Format = PostmanResidual.V1;

    public void Write(EntityNode collection)
    {
        var v1 = collection.Format == Format;
        var dst = ObjectMapper.Write(collection.Typed, collection.Residual, V1Shapes.Collection, Format, v1, v1);
        var collectionId = OldId(collection);
        if (!dst.ContainsKey("id")) dst.Insert(0, "id", collectionId);
        var folders = new List<EntityNode>();
        var requests = new List<(EntityNode Request, EntityNode Parent)>();
        Collect(collection, folders, requests);
        JsonOutput.WriteObject(writer, dst, V1Shapes.Collection.ChildKeys,
            key => key switch
            {
                "order" => Listed(collection, EntityKinds.Request).Any(),
                "folders_order" => Listed(collection, EntityKinds.Folder).Any(),
                "folders" => folders.Count > 0,
                _ => requests.Count > 0,
            },
            key =>
            {
                switch (key)
                {
                    case "order":
                        WriteIds(Listed(collection, EntityKinds.Request));
                        break;
                    case "folders_order":
                        WriteIds(Listed(collection, EntityKinds.Folder));
                        break;
                    case "folders":
                        writer.WriteStartArray();
                        foreach (var folder in InFileOrder(folders)) WriteFolder(folder);
                        writer.WriteEndArray();
                        break;
                    default:
                        writer.WriteStartArray();
                        var parents = requests.ToDictionary(r => r.Request, r => r.Parent);
                        foreach (var request in InFileOrder(requests.Select(r => r.Request).ToList())) WriteRequest(request, parents[request], collectionId);
                        writer.WriteEndArray();
                        break;
                }
            });
    }

    private void WriteFolder(EntityNode folder)
    {
        var v1 = folder.Format == Format;
        var dst = ObjectMapper.Write(folder.Typed, folder.Residual, V1Shapes.Folder, Format, v1, v1);
        if (!dst.ContainsKey("id")) dst.Insert(0, "id", OldId(folder));
        JsonOutput.WriteObject(writer, dst, V1Shapes.Folder.ChildKeys,
            key => Listed(folder, key == "order" ? EntityKinds.Request : EntityKinds.Folder).Any(),
            key => WriteIds(Listed(folder, key == "order" ? EntityKinds.Request : EntityKinds.Folder)));
    }

    private void WriteRequest(EntityNode request, EntityNode parent, string collectionId)
    {
        var v1 = request.Format == Format;
        var dst = ObjectMapper.Write(request.Typed, request.Residual, V1Shapes.Request, Format, v1, v1);
        if (!dst.ContainsKey("id")) dst.Insert(0, "id", OldId(request));
        // Which folder and collection a request is in follows where it is now (it may have moved); a new one gets both.
        var folderId = parent.Entity.Kind == EntityKinds.Folder ? OldId(parent) : null;
        if (dst.ContainsKey("folder") || !v1) dst["folder"] = folderId;
        if (dst.ContainsKey("collectionId") || !v1) dst["collectionId"] = collectionId;
        var responses = request.Children.Where(c => c.Entity.Kind == EntityKinds.Response).ToList();
        JsonOutput.WriteObject(writer, dst, V1Shapes.Request.ChildKeys, _ => responses.Count > 0, _ =>
        {
            writer.WriteStartArray();
            foreach (var response in responses)
            {
                var rv1 = response.Format == Format;
                var r = ObjectMapper.Write(response.Typed, response.Residual, V1Shapes.Response, Format, rv1, rv1);
                if (!r.ContainsKey("id")) r.Insert(0, "id", OldId(response));
                r.WriteTo(writer);
            }
            writer.WriteEndArray();
        });
    }

    private static void Collect(EntityNode container, List<EntityNode> folders, List<(EntityNode, EntityNode)> requests)
    {
        foreach (var child in container.Children)
        {
            if (child.Entity.Kind == EntityKinds.Folder)
            {
                folders.Add(child);
                Collect(child, folders, requests);
            }
            else if (child.Entity.Kind == EntityKinds.Request)
            {
                requests.Add((child, container));
            }
        }
    }

    // The flat lists keep the places they had in the file; new entities come after, in tree order.
    private static IEnumerable<EntityNode> InFileOrder(List<EntityNode> nodes) =>
        nodes.Select((node, i) => (node, i))
            .OrderBy(x => x.node.Format == Format && x.node.Residual?[PostmanResidual.IndexKey] is JsonValue v && v.TryGetValue<int>(out var index) ? index : int.MaxValue)
            .ThenBy(x => x.i)
            .Select(x => x.node);

    private static IEnumerable<EntityNode> Listed(EntityNode container, string kind) =>
        container.Children.Where(c => c.Entity.Kind == kind && !(c.Format == Format && c.Residual?[PostmanResidual.UnlistedKey]?.GetValueKind() == JsonValueKind.True));

    private void WriteIds(IEnumerable<EntityNode> nodes)
    {
        writer.WriteStartArray();
        foreach (var node in nodes) WriteId(node);
        writer.WriteEndArray();
    }

    private void WriteId(EntityNode node)
    {
        if (node.Format == Format && node.Residual?["id"] is { } id) id.WriteTo(writer);
        else writer.WriteStringValue(node.Entity.Id);
    }

    private static string OldId(EntityNode node) =>
        node.Format == Format && PostmanValues.LooseText(node.Residual?["id"]) is { } id ? id : node.Entity.Id;
}
