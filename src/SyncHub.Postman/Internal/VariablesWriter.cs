using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>Writes environments, globals and header presets, as exports or as parts of a dump.</summary>
internal sealed class VariablesWriter(Utf8JsonWriter writer, TimeProvider time)
{
    private static readonly string[] ExportStamps = ["_postman_variable_scope", "_postman_exported_at", "_postman_exported_using"];

    /// <summary>Writes an environment; <paramref name="export"/> says an export file (with its scope and stamps), else a dump's entry (without).</summary>
    public void WriteEnvironment(EntityNode environment, bool export)
    {
        var format = export ? PostmanResidual.Environment : PostmanResidual.Dump;
        var dst = ObjectMapper.Write(environment.Typed, environment.Residual, VariableShapes.Environment, format, useMemory: true, useUnknown: true);
        if (!dst.ContainsKey("id")) dst.Insert(0, "id", environment.Entity.Id);
        if (export && environment.Format != PostmanResidual.Environment)
        {
            dst["_postman_variable_scope"] = "environment";
            dst["_postman_exported_at"] = Stamp();
            dst["_postman_exported_using"] = "SyncHub";
        }
        else if (!export && environment.Format == PostmanResidual.Environment)
        {
            foreach (var key in ExportStamps) dst.Remove(key);
        }
        var values = environment.Children.Where(c => c.Entity.Kind == EntityKinds.EnvironmentVariable).ToList();
        JsonOutput.WriteObject(writer, dst, VariableShapes.Environment.ChildKeys, _ => values.Count > 0, _ => WriteVariables(values, format));
    }

    /// <summary>Writes a globals export: the original file's own members when the globals came from one, else new ones.</summary>
    public void WriteGlobalsExport(IReadOnlyList<EntityNode> globals)
    {
        var container = globals.Select(g => g.Residual?[PostmanResidual.ContainerKey] as JsonObject).FirstOrDefault(c => c is not null);
        container = container?.DeepClone().AsObject() ?? new JsonObject
        {
            ["id"] = EntityIds.New(),
            ["name"] = "Globals",
            ["values"] = null,
            ["_postman_variable_scope"] = "globals",
            ["_postman_exported_at"] = Stamp(),
            ["_postman_exported_using"] = "SyncHub",
        };
        if (!container.ContainsKey("values")) container["values"] = null;
        // Whatever the kept members say, the file must read back as globals.
        container["_postman_variable_scope"] = "globals";
        JsonOutput.WriteObject(writer, container, new HashSet<string>(StringComparer.Ordinal) { "values" }, _ => true, _ => WriteVariables(globals, PostmanResidual.Globals));
    }

    public void WriteVariables(IEnumerable<EntityNode> variables, string format)
    {
        writer.WriteStartArray();
        foreach (var variable in variables)
        {
            ObjectMapper.Write(variable.Typed, variable.Residual, VariableShapes.Variable, format, useMemory: true, useUnknown: true).WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    public void WriteHeaderPreset(EntityNode preset)
    {
        var dst = ObjectMapper.Write(preset.Typed, preset.Residual, VariableShapes.HeaderPreset, PostmanResidual.Dump, useMemory: true, useUnknown: true);
        if (!dst.ContainsKey("id")) dst.Insert(0, "id", preset.Entity.Id);
        dst.WriteTo(writer);
    }

    private string Stamp() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
