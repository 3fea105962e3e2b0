using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>Reads a v2.0 or v2.1 collection: the collection, then each folder and request in file order, each request's saved responses after it.</summary>
internal sealed class CollectionV2Reader(ImportBuilder builder, string format)
{
    public void Read(JsonObject collection, string path, JsonObject? envelope, string rank)
    {
        var typed = new JsonObject();
        var residual = new JsonObject();
        ObjectMapper.Read(collection, path, CollectionShapes.Root, typed, residual, format);
        if (envelope is not null) residual[PostmanResidual.EnvelopeKey] = envelope;
        var items = PostmanValues.Array(collection, path, "item");
        var id = builder.Add(EntityKinds.Collection, null, typed, residual, rank, format, path);
        if (items is not null) ReadItems(items, ObjectMapper.Path(path, "item"), id);
    }

    private void ReadItems(JsonArray items, string path, string parentId)
    {
        var ranks = EntityRank.Sequence(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = PostmanValues.ItemObject(items[i], path, i);
            var ip = $"{path}[{i}]";
            var typed = new JsonObject();
            var residual = new JsonObject();
            if (item.ContainsKey("item"))
            {
                ObjectMapper.Read(item, ip, CollectionShapes.Folder, typed, residual, format);
                var children = PostmanValues.Array(item, ip, "item");
                var id = builder.Add(EntityKinds.Folder, parentId, typed, residual, ranks[i], format, ip);
                if (children is not null) ReadItems(children, ObjectMapper.Path(ip, "item"), id);
            }
            else if (item.ContainsKey("request"))
            {
                ObjectMapper.Read(item, ip, CollectionShapes.RequestItem, typed, residual, format);
                var responses = PostmanValues.Array(item, ip, "response");
                var id = builder.Add(EntityKinds.Request, parentId, typed, residual, ranks[i], format, ip);
                if (responses is not null) ReadResponses(responses, ObjectMapper.Path(ip, "response"), id);
            }
            else
            {
                throw new PostmanFormatException(ip, "An item must be a folder (with 'item') or a request (with 'request'); this one has neither.");
            }
            // Done with it: let its nodes go, so the tree never has every item materialized at once (memory stays near the file's size).
            items[i] = null;
        }
    }

    private void ReadResponses(JsonArray responses, string path, string requestId)
    {
        var ranks = EntityRank.Sequence(responses.Count);
        for (var i = 0; i < responses.Count; i++)
        {
            var response = PostmanValues.ItemObject(responses[i], path, i);
            var ip = $"{path}[{i}]";
            var typed = new JsonObject();
            var residual = new JsonObject();
            ObjectMapper.Read(response, ip, CollectionShapes.Response, typed, residual, format);
            builder.Add(EntityKinds.Response, requestId, typed, residual, ranks[i], format, ip);
            responses[i] = null;
        }
    }
}
