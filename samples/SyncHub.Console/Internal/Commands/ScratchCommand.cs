namespace SyncHub.ConsoleClient.Internal;

/// <summary>scratch: work in the Scratch Pad, the profile's local-only workspace.</summary>
internal static class ScratchCommand
{
    public static async Task<int> EnterAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        client.EnterScratchPad();
        var count = client.GetEntities().Count;
        var back = client.Session is null
            ? "Sign in and run 'synchub workspace use ID' to work in a synced workspace."
            : "Run 'synchub workspace use ID' to go back to a synced workspace ('synchub workspaces' lists them).";
        await ctx.InformAsync($"Now working in the Scratch Pad (local only, never synced; {StatusText.Count(count, "item")}): 'add', 'ls', 'mv', 'rename' and 'rm' act on it. {back}");
        return ExitCodes.Ok;
    }
}
