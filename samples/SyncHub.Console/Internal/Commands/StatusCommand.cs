using System.Globalization;
using System.Text.Json.Nodes;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>status: where this profile stands with the hub.</summary>
internal static class StatusCommand
{
    /// <summary>What status says of the Scratch Pad; scripts match it.</summary>
    public const string ScratchPadLine = "Scratch Pad (local only, never synced)";

    public static async Task<int> RunAsync(CommandContext ctx, bool json, bool localOnly, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var session = client.Session;
        var status = client.Status;

        if (session is not null && !localOnly && !ctx.Host.EngineRunsInBackground)
        {
            // A process that never connects would always say "offline"; try the hub briefly to report something real.
            var outcome = await HubSync.RunAsync(client, timeout, stopAtFirstFailure: true, cancellationToken);
            var after = client.Status;
            status = outcome.Status with { PendingChanges = after.PendingChanges, Conflicts = after.Conflicts, FailedChanges = after.FailedChanges, OldestPendingAge = after.OldestPendingAge };
            // Still trying when time ran out: to a person that is offline, with the reason.
            if (status.State == SyncState.Connecting) status = status with { State = SyncState.Offline, Activity = SyncActivity.None };
            // Connecting may have found this device signed out from elsewhere, which ends the session.
            session = client.Session;
        }
        var remoteSignOut = client.LastRemoteSignOut;

        if (json)
        {
            var document = ToJson(status, session);
            document["activeWorkspaceId"] = client.ActiveWorkspaceId;
            document["inScratchPad"] = client.IsInScratchPad;
            document["connectedServer"] = client.ConnectedUrl?.ToString();
            document["savedTo"] = remoteSignOut?.SavedTo;
            await ctx.WriteResultAsync(document.ToJsonString(JsonOutput.Indented));
            return ExitCodes.Ok;
        }

        var lines = new List<string>();
        if (session is null)
        {
            lines.Add(remoteSignOut is not null || status.ErrorCode == ErrorCodes.SignedOut
                ? "Account:    (not signed in: this device was signed out from another device)"
                : "Account:    (not signed in)");
            lines.Add($"Workspace:  {ScratchPadLine}");
        }
        else
        {
            lines.Add($"Account:    {session.Login} ({session.AccountId})");
            var active = client.ActiveWorkspaceId;
            var activeName = client.Workspaces.FirstOrDefault(w => w.WorkspaceId == active)?.Name;
            if (client.IsInScratchPad) lines.Add($"Workspace:  {ScratchPadLine}");
            else lines.Add(activeName is null ? $"Workspace:  {active}" : $"Workspace:  {activeName} ({active})");
            lines.Add($"Device:     {session.DeviceId}");
            if (session.ServerUrls.Count > 1)
            {
                // Several nodes of one hub: name them all, and the one in use.
                lines.Add($"Server:     {string.Join(", ", session.ServerUrls)}");
                lines.Add($"Connected:  {client.ConnectedUrl?.ToString() ?? "(not connected)"}");
            }
            else
            {
                lines.Add($"Server:     {session.ServerUrl}");
            }
        }
        lines.Add($"Profile:    {ctx.Settings.ProfileDirectory}");
        lines.Add($"State:      {StatusText.Label(status, session is not null)}");
        lines.Add($"Pending:    {status.PendingChanges}{OldestAge(status)}");
        lines.Add($"Conflicts:  {status.Conflicts}");
        lines.Add($"Failed:     {status.FailedChanges}");
        if (status.ErrorCode is not null) lines.Add($"Error:      {status.ErrorCode}: {status.ErrorMessage}");
        if (remoteSignOut?.SavedTo is { } savedTo)
            lines.Add($"Unsent:     {StatusText.Count(remoteSignOut.UnsentChanges, "change")} that never reached the hub, saved to {savedTo}");
        if (session is null && remoteSignOut?.SavedTo is null)
        {
            // Earlier sign-outs may have left edits in files; the person may not have seen the message that named them.
            foreach (var file in SavedFiles(ctx.Settings.ProfileDirectory))
                lines.Add($"Saved:      {file} (changes not sent before an earlier sign-out)");
        }
        if (session is not null)
        {
            foreach (var conflict in client.GetConflicts())
                lines.Add($"  conflict: {conflict.Kind} {conflict.EntityId} changed on another device since this edit (base version {conflict.BaseVersion}); conflict {conflict.Id}, see 'synchub conflicts'.");
            foreach (var failed in client.GetFailedChanges())
                lines.Add($"  failed:   {failed.Op} {failed.Kind} {failed.EntityId}: {failed.Code}: {failed.Message}");
        }
        foreach (var line in lines) await ctx.Out.WriteLineAsync(line);
        if (session is null) await ctx.InformAsync("Not signed in: run 'synchub login LOGIN PASSWORD' first.");
        if (remoteSignOut?.SavedTo is not null)
            await ctx.InformAsync("The saved file holds the edits as they were; after signing in again, redo the ones you still want.");
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> SavedFiles(string profileDirectory) =>
        Directory.Exists(profileDirectory)
            ? Directory.EnumerateFiles(profileDirectory, "unsent-*.json").Order(StringComparer.Ordinal)
            : [];

    private static JsonObject ToJson(SyncStatus status, SyncSession? session) => new()
    {
        ["signedIn"] = session is not null,
        ["state"] = StatusText.State(status.State),
        ["activity"] = StatusText.Activity(status.Activity),
        ["pending"] = status.PendingChanges,
        ["conflicts"] = status.Conflicts,
        ["failed"] = status.FailedChanges,
        ["oldestPendingSeconds"] = status.OldestPendingAge is { } age ? Math.Round(age.TotalSeconds, 1) : null,
        ["errorCode"] = status.ErrorCode,
        ["errorMessage"] = status.ErrorMessage,
        ["login"] = session?.Login,
        ["accountId"] = session?.AccountId,
        ["workspaceId"] = session?.WorkspaceId,
        ["deviceId"] = session?.DeviceId,
        ["server"] = session?.ServerUrl.ToString(),
        ["servers"] = session is null ? null : new JsonArray([.. session.ServerUrls.Select(u => (JsonNode?)u.ToString())]),
    };

    private static string OldestAge(SyncStatus status) =>
        status.OldestPendingAge is { } age && status.PendingChanges > 0
            ? $" (oldest waiting {age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)"
            : string.Empty;
}
