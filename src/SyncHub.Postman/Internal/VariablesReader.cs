using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>Reads environments (exports and those in dumps), their values, global variables and header presets.</summary>
internal sealed class VariablesReader(ImportBuilder builder)
{
    public void ReadEnvironment(JsonObject environment, string path, string rank, string format)
    {
        var typed = new JsonObject();
        var residual = new JsonObject();
        ObjectMapper.Read(environment, path, VariableShapes.Environment, typed, residual, format);
        var values = PostmanValues.Array(environment, path, "values");
        var id = builder.Add(EntityKinds.Environment, null, typed, residual, rank, format, path);
        if (values is null) return;
        var vp = ObjectMapper.Path(path, "values");
        var ranks = EntityRank.Sequence(values.Count);
        for (var i = 0; i < values.Count; i++) ReadVariable(EntityKinds.EnvironmentVariable, id, values[i], vp, i, ranks[i], format, null);
    }

    /// <summary>Reads global variables; <paramref name="container"/> (the globals file's own members) is kept on each.</summary>
    public void ReadGlobals(JsonArray values, string path, IReadOnlyList<string> ranks, string format, JsonObject? container)
    {
        for (var i = 0; i < values.Count; i++) ReadVariable(EntityKinds.GlobalVariable, null, values[i], path, i, ranks[i], format, container);
    }

    public void ReadHeaderPreset(JsonObject preset, string path, string rank)
    {
        var typed = new JsonObject();
        var residual = new JsonObject();
        ObjectMapper.Read(preset, path, VariableShapes.HeaderPreset, typed, residual, PostmanResidual.Dump);
        builder.Add(EntityKinds.HeaderPreset, null, typed, residual, rank, PostmanResidual.Dump, path);
    }

    private void ReadVariable(string kind, string? parentId, JsonNode? node, string path, int index, string rank, string format, JsonObject? container)
    {
        var value = PostmanValues.ItemObject(node, path, index);
        var p = $"{path}[{index}]";
        var typed = new JsonObject();
        var residual = new JsonObject();
        ObjectMapper.Read(value, p, VariableShapes.Variable, typed, residual, format);
        if (container is not null) residual[PostmanResidual.ContainerKey] = container.DeepClone();
        builder.Add(kind, parentId, typed, residual, rank, format, p);
    }
}
