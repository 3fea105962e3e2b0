using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>sync: send the outbox, catch up, and say whether that worked.</summary>
internal static class SyncCommand
{
    public static async Task<int> RunAsync(CommandContext ctx, TimeSpan timeout, bool retry, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        SyncOutcome outcome;
        if (ctx.Host.EngineRunsInBackground)
        {
            if (client.State == SyncState.Offline) await client.StartAsync(cancellationToken);
            outcome = await HubSync.WaitAsync(client, timeout, stopAtFirstFailure: !retry, cancellationToken);
        }
        else
        {
            outcome = await HubSync.RunAsync(client, timeout, stopAtFirstFailure: !retry, cancellationToken);
        }

        if (outcome.InSync)
        {
            await ctx.InformAsync($"In sync: {StatusText.Count(client.GetEntities().Count, "item")} in the workspace, nothing pending.");
            var conflicts = client.GetConflicts().Count;
            var failed = client.GetFailedChanges().Count;
            if (conflicts > 0 || failed > 0)
                await ctx.InformAsync($"Note: {StatusText.Count(conflicts, "conflict")} and {StatusText.Count(failed, "failed change")} need attention: run 'synchub status'.");
            return ExitCodes.Ok;
        }

        var (code, message) = outcome.Failure(timeout);
        await CommandTree.WriteErrorAsync(ctx.Error, code, message);
        if (client.Session is null)
        {
            await ctx.InformAsync("This profile is signed out: run 'synchub login LOGIN PASSWORD' to sign in again.");
            return ExitCodes.Error;
        }
        var pending = client.GetOutbox().Count;
        if (pending > 0)
            await ctx.InformAsync($"{StatusText.StayQueued(pending)} in {ctx.Settings.ProfileDirectory} and will be sent by the next sync.");
        return ExitCodes.Error;
    }
}
