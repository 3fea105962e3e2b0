using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// The short best-effort sync after a local edit in a one-shot command: the edit is already safe in the outbox, so an
/// unreachable hub only means it is sent later; a refusal or a conflict from the hub is an error.
/// </summary>
internal static class EditSync
{
    public static async Task<int> AfterEditAsync(CommandContext ctx, SyncClient client, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        // The Scratch Pad is never synced: the edit is complete once stored.
        if (ctx.Host.EngineRunsInBackground || client.IsInScratchPad) return ExitCodes.Ok;

        var failedBefore = client.GetFailedChanges().Select(f => f.MutationId).ToHashSet(StringComparer.Ordinal);
        var conflictsBefore = client.GetConflicts().Select(c => c.MutationId).ToHashSet(StringComparer.Ordinal);
        var timeout = ctx.Console.EditSyncTimeout;
        var outcome = await HubSync.RunAsync(client, timeout, stopAtFirstFailure: true, cancellationToken);

        var ids = entityIds.ToHashSet(StringComparer.Ordinal);
        var refused = client.GetFailedChanges().Where(f => !failedBefore.Contains(f.MutationId) && ids.Contains(f.EntityId)).ToList();
        foreach (var failed in refused)
            await CommandTree.WriteErrorAsync(ctx.Error, failed.Code, $"The hub refused to {failed.Op} {failed.Kind} {failed.EntityId}: {failed.Message}");
        var conflicts = client.GetConflicts().Where(c => !conflictsBefore.Contains(c.MutationId) && ids.Contains(c.EntityId)).ToList();
        foreach (var conflict in conflicts)
        {
            await CommandTree.WriteErrorAsync(ctx.Error, Protocol.ErrorCodes.Conflict,
                $"{conflict.Kind} {conflict.EntityId} was changed on another device since this profile last synced; this edit is kept as a conflict: see 'synchub conflicts', settle it with 'synchub resolve ID mine|theirs'.");
        }
        if (refused.Count > 0 || conflicts.Count > 0) return ExitCodes.Error;

        if (outcome.InSync) return ExitCodes.Ok;
        var (code, message) = outcome.Failure(timeout);
        if (code == Protocol.ErrorCodes.SignedOut)
        {
            // The library saved the edit with the rest of the unsent changes; its message names the file.
            await CommandTree.WriteErrorAsync(ctx.Error, code, message);
            await ctx.InformAsync("This profile is signed out: run 'synchub login LOGIN PASSWORD' to sign in again.");
            return ExitCodes.Error;
        }
        if (outcome.Status.State == SyncState.Error)
        {
            await CommandTree.WriteErrorAsync(ctx.Error, code, message);
            await ctx.InformAsync("The change is kept locally and will be sent once the problem is fixed.");
            return ExitCodes.Error;
        }
        var pending = client.GetOutbox().Count;
        var why = code == Protocol.ErrorCodes.Unreachable
            ? $"the hub at {client.Session?.ServerUrl} cannot be reached ({code})"
            : $"{code}: {message.TrimEnd('.')}";
        await ctx.InformAsync($"Not synced: {why}. The change is queued ({pending} pending) and will be sent by the next 'synchub sync'.");
        return ExitCodes.Ok;
    }
}
