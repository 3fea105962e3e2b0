using System.Diagnostics;
using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>reload: fetch the newest version of everything from the hub, replacing the synced copies.</summary>
internal static class ReloadCommand
{
    public static async Task<int> RunAsync(CommandContext ctx, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var oneShot = !ctx.Host.EngineRunsInBackground;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (timeout - Stopwatch.GetElapsedTime(started)).Ticks));
        try
        {
            // Reach the hub first: a reload that cannot fetch must not throw away the copy this profile has.
            SyncOutcome reached;
            if (oneShot)
            {
                reached = await HubSync.StartAndWaitAsync(client, timeout, stopAtFirstFailure: true, cancellationToken);
            }
            else
            {
                if (client.State == SyncState.Offline) await client.StartAsync(cancellationToken);
                reached = await HubSync.WaitAsync(client, timeout, stopAtFirstFailure: true, cancellationToken);
            }
            if (reached.Status.State != SyncState.Online)
                return await FailAsync(ctx, reached, timeout, "Nothing was reloaded; the local copy is unchanged.");

            await client.ReloadAsync(deadline.Token);
            var settled = await HubSync.WaitAsync(client, Remaining(), stopAtFirstFailure: true, cancellationToken);
            if (!settled.InSync) return await FailAsync(ctx, settled, timeout, "Run 'synchub sync' to finish fetching.");

            await ctx.InformAsync($"Reloaded: {StatusText.Count(client.GetEntities().Count, "item")} in the workspace, in sync with the hub.");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await CommandTree.WriteErrorAsync(ctx.Error, Protocol.ErrorCodes.Timeout, $"The reload did not finish within {StatusText.Seconds(timeout)}.");
            return ExitCodes.Error;
        }
        finally
        {
            if (oneShot) await HubSync.StopAsync(client);
        }
    }

    private static async Task<int> FailAsync(CommandContext ctx, SyncOutcome outcome, TimeSpan timeout, string then)
    {
        var (code, message) = outcome.Failure(timeout);
        await CommandTree.WriteErrorAsync(ctx.Error, code, message);
        await ctx.InformAsync(then);
        return ExitCodes.Error;
    }
}
