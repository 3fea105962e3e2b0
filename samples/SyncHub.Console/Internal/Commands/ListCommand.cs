using System.Text.Json.Nodes;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>ls: the active workspace (the Scratch Pad, signed out) as this profile holds it.</summary>
internal static class ListCommand
{
    public static async Task<int> RunAsync(CommandContext ctx, bool json, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var forest = new EntityForest(client.GetEntities());
        // On stderr, so that a script reading the listing is not disturbed; a person learns why the synced data is not there.
        if (client.Session is null)
            await ctx.InformAsync("Not signed in: this is the Scratch Pad, kept only on this device. Run 'synchub login LOGIN PASSWORD' for your synced workspace.");

        if (json)
        {
            var array = new JsonArray();
            foreach (var entity in forest.PreOrder())
            {
                array.Add(new JsonObject
                {
                    ["id"] = entity.Id,
                    ["kind"] = entity.Kind,
                    ["parentId"] = entity.ParentId,
                    ["name"] = EntityForest.NameOf(entity),
                    ["version"] = entity.Version,
                });
            }
            await ctx.WriteResultAsync(array.ToJsonString(JsonOutput.Indented));
            return ExitCodes.Ok;
        }

        if (forest.Roots.Count == 0)
        {
            await ctx.InformAsync(client.IsInScratchPad
                ? "The Scratch Pad is empty: add a collection with 'synchub add collection NAME' (it stays on this device)."
                : "The workspace is empty: add a collection with 'synchub add collection NAME'.");
            return ExitCodes.Ok;
        }
        EntityTreeView.Write(AnsiConsoleFactory.Create(ctx.Out, ctx.Console.UseColor), forest);
        await ctx.Out.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
