using System.Text.Json;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>Writes Postman's data dump: <c>version</c> 1 with v1 collections, environments, header presets and globals.</summary>
internal sealed class DumpWriter(Utf8JsonWriter writer, TimeProvider time)
{
    public void Write(EntityTree tree, PostmanDumpContent content)
    {
        var variables = new VariablesWriter(writer, time);
        var withCollections = content.HasFlag(PostmanDumpContent.Collections);
        var withEnvironments = content.HasFlag(PostmanDumpContent.Environments);
        writer.WriteStartObject();
        writer.WriteNumber("version", 1);
        writer.WriteStartArray("collections");
        if (withCollections)
        {
            var v1 = new CollectionV1Writer(writer);
            foreach (var c in tree.Roots.Where(r => r.Entity.Kind == EntityKinds.Collection)) v1.Write(c);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("environments");
        if (withEnvironments)
        {
            foreach (var e in tree.Roots.Where(r => r.Entity.Kind == EntityKinds.Environment)) variables.WriteEnvironment(e, export: false);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("headerPresets");
        if (withEnvironments)
        {
            foreach (var p in tree.Roots.Where(r => r.Entity.Kind == EntityKinds.HeaderPreset)) variables.WriteHeaderPreset(p);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("globals");
        variables.WriteVariables(withEnvironments ? tree.Roots.Where(r => r.Entity.Kind == EntityKinds.GlobalVariable) : [], PostmanResidual.Dump);
        writer.WriteEndObject();
    }
}
