using System.Text.Json;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Writes a collection as a v2.1 or v2.0 file, streaming item by item. An entity read from the same format gets its
/// form memory back where the user did not change the typed value; one from another format is written canonically,
/// keeping only the unknown members the formats share.
/// </summary>
internal sealed class CollectionV2Writer(Utf8JsonWriter writer, string format)
{
    public void Write(EntityNode collection)
    {
        var (useMemory, useUnknown) = Modes(collection);
        var dst = ObjectMapper.Write(collection.Typed, collection.Residual, CollectionShapes.Root, format, useMemory, useUnknown);
        var envelope = useMemory ? collection.Residual?[PostmanResidual.EnvelopeKey] as System.Text.Json.Nodes.JsonObject : null;
        if (envelope is not null)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("collection");
        }
        JsonOutput.WriteObject(writer, dst, CollectionShapes.Root.ChildKeys, _ => Items(collection).Any(), _ => WriteItems(collection));
        if (envelope is not null)
        {
            foreach (var (name, value) in envelope)
            {
                writer.WritePropertyName(name);
                if (value is null) writer.WriteNullValue();
                else value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
    }

    private static IEnumerable<EntityNode> Items(EntityNode parent) =>
        parent.Children.Where(c => c.Entity.Kind is EntityKinds.Folder or EntityKinds.Request);

    private void WriteItems(EntityNode parent)
    {
        writer.WriteStartArray();
        foreach (var item in Items(parent))
        {
            var (useMemory, useUnknown) = Modes(item);
            if (item.Entity.Kind == EntityKinds.Folder)
            {
                var dst = ObjectMapper.Write(item.Typed, item.Residual, CollectionShapes.Folder, format, useMemory, useUnknown);
                JsonOutput.WriteObject(writer, dst, CollectionShapes.Folder.ChildKeys, _ => Items(item).Any(), _ => WriteItems(item));
            }
            else
            {
                var dst = ObjectMapper.Write(item.Typed, item.Residual, CollectionShapes.RequestItem, format, useMemory, useUnknown);
                JsonOutput.WriteObject(writer, dst, CollectionShapes.RequestItem.ChildKeys, _ => Responses(item).Any(), _ => WriteResponses(item));
            }
        }
        writer.WriteEndArray();
    }

    private static IEnumerable<EntityNode> Responses(EntityNode request) => request.Children.Where(c => c.Entity.Kind == EntityKinds.Response);

    private void WriteResponses(EntityNode request)
    {
        writer.WriteStartArray();
        foreach (var response in Responses(request))
        {
            var (useMemory, useUnknown) = Modes(response);
            ObjectMapper.Write(response.Typed, response.Residual, CollectionShapes.Response, format, useMemory, useUnknown).WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    private (bool UseMemory, bool UseUnknown) Modes(EntityNode node) =>
        (node.Format == format, PostmanResidual.SharesUnknowns(node.Format, format));
}
