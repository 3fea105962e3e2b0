using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>conflicts, resolve: the edits the hub could not merge, and settling one of them.</summary>
internal static class ConflictCommands
{
    private const int ShortValue = 40;

    public static async Task<int> ListAsync(CommandContext ctx, bool json, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var conflicts = client.GetConflicts();
        if (json)
        {
            var array = new JsonArray();
            foreach (var conflict in conflicts) array.Add(ToJson(conflict));
            await ctx.WriteResultAsync(array.ToJsonString(JsonOutput.Indented));
            return ExitCodes.Ok;
        }

        if (conflicts.Count == 0)
        {
            await ctx.InformAsync("No conflicts.");
            return ExitCodes.Ok;
        }
        foreach (var conflict in conflicts)
        {
            var fields = conflict.ConflictingFields.Count > 0 ? string.Join(",", conflict.ConflictingFields) : "-";
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{conflict.Id}  {conflict.Kind} {conflict.EntityId} '{NameOf(conflict)}'  fields: {fields}"));
            foreach (var line in Sides(conflict)) await ctx.Out.WriteLineAsync($"    {line}");
        }
        await ctx.Out.FlushAsync(cancellationToken);
        await ctx.InformAsync($"{StatusText.Count(conflicts.Count, "conflict")}. Settle one with 'synchub resolve ID mine' or 'synchub resolve ID theirs'.");
        return ExitCodes.Ok;
    }

    public static async Task<int> ResolveAsync(CommandContext ctx, string id, string side, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var conflict = (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? client.GetConflict(number) : null)
            ?? throw new CommandFailedException(ErrorCodes.NotFound, $"There is no conflict '{id}' in this profile (resolved already?): run 'synchub conflicts' to see the ids.");

        var mine = side == "mine";
        await client.ResolveAsync(conflict, mine ? ConflictResolution.KeepMine : ConflictResolution.KeepTheirs, cancellationToken);
        if (!mine)
        {
            await ctx.InformAsync($"Kept the hub's version of {conflict.Kind} {conflict.EntityId}; this profile's edit is dropped.");
            return ExitCodes.Ok;
        }
        await ctx.InformAsync(conflict.Op == MutationOps.Delete
            ? $"Kept this profile's delete of {conflict.Kind} {conflict.EntityId}."
            : conflict.IsAgainstDelete
                ? $"Kept this profile's edit of {conflict.Kind} {conflict.EntityId}: it is restored."
                : $"Kept this profile's edit of {conflict.Kind} {conflict.EntityId}; the other fields keep the hub's changes.");
        return await EditSync.AfterEditAsync(ctx, client, [conflict.EntityId], cancellationToken);
    }

    private static string NameOf(ConflictRecord conflict) =>
        EntityBodies.Field(conflict.Theirs?.Body, "name") ?? EntityBodies.Field(conflict.MineBody, "name") ?? EntityBodies.Field(conflict.Base?.Body, "name") ?? string.Empty;

    private static IEnumerable<string> Sides(ConflictRecord conflict)
    {
        if (conflict.Mine is null)
        {
            yield return "mine:   deleted";
            yield return $"theirs: edited (version {conflict.Theirs?.Version})";
            yield break;
        }
        if (conflict.IsAgainstDelete)
        {
            yield return "mine:   edited";
            yield return $"theirs: deleted (version {conflict.Theirs!.Version}); keeping mine restores it";
            yield break;
        }
        if (conflict.ConflictingFields.Count == 0)
        {
            yield return $"mine:   {Short(conflict.Mine.Body)}";
            yield return $"theirs: {Short(conflict.Theirs?.Body)}";
            yield break;
        }
        foreach (var field in conflict.ConflictingFields)
        {
            yield return $"{field}: mine {Short(Value(conflict.Mine, field))}, theirs {Short(Value(conflict.Theirs is { } t ? new EntityContent(t.ParentId, t.Body ?? "{}") : null, field))}";
        }
    }

    private static string? Value(EntityContent? content, string field)
    {
        if (content is null) return null;
        if (field == EntityMerge.ParentIdField) return content.ParentId is null ? "null" : JsonSerializer.Serialize(content.ParentId);
        return JsonNode.Parse(content.Body) is JsonObject o && o.TryGetPropertyValue(field, out var value) ? value?.ToJsonString() ?? "null" : "(none)";
    }

    private static string Short(string? text) =>
        text is null ? "(none)" : text.Length <= ShortValue ? text : text[..(ShortValue - 1)] + "…";

    private static JsonObject ToJson(ConflictRecord conflict) => new()
    {
        ["id"] = conflict.Id,
        ["entityId"] = conflict.EntityId,
        ["kind"] = conflict.Kind,
        ["op"] = conflict.Op,
        ["name"] = NameOf(conflict),
        ["conflictingFields"] = new JsonArray([.. conflict.ConflictingFields.Select(f => (JsonNode?)f)]),
        ["baseVersion"] = conflict.BaseVersion,
        ["mine"] = Content(conflict.Mine),
        ["theirs"] = conflict.Theirs is { } t
            ? new JsonObject { ["parentId"] = t.ParentId, ["body"] = Parse(t.Body), ["version"] = t.Version, ["deleted"] = t.Deleted }
            : null,
        ["base"] = Content(conflict.Base),
        ["at"] = conflict.At.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject? Content(EntityContent? content) =>
        content is null ? null : new JsonObject { ["parentId"] = content.ParentId, ["body"] = Parse(content.Body) };

    private static JsonNode? Parse(string? body) => body is null ? null : JsonNode.Parse(body);
}
