using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>register, login, logout.</summary>
internal static class AccountCommands
{
    public static async Task<int> RegisterAsync(CommandContext ctx, string username, string email, string password, CancellationToken cancellationToken)
    {
        password = await ReadPasswordAsync(ctx, password, cancellationToken);
        var client = await ctx.Host.GetClientAsync(ctx.Settings, forSignIn: true, cancellationToken);
        var created = await client.RegisterAsync(username, email, password, cancellationToken);
        await ctx.WriteResultAsync(created.AccountId);
        await ctx.InformAsync($"Account '{created.Username}' created on {ctx.Settings.ServersText}. Sign in with: synchub login {created.Username} PASSWORD");
        return ExitCodes.Ok;
    }

    public static async Task<int> LoginAsync(CommandContext ctx, string login, string password, string? deviceName, string? replaceDeviceId, CancellationToken cancellationToken)
    {
        password = await ReadPasswordAsync(ctx, password, cancellationToken);
        var client = await ctx.Host.GetClientAsync(ctx.Settings, forSignIn: true, cancellationToken);
        if (client.Session is { } current)
        {
            throw new CommandFailedException(ConsoleErrorCodes.AlreadySignedIn,
                $"This profile is already signed in as '{current.Login}' on {current.ServerUrl}: run 'synchub logout' first, or use another --profile.");
        }

        SyncSession session;
        try
        {
            session = await client.SignInAsync(login, password, string.IsNullOrWhiteSpace(deviceName) ? Environment.MachineName : deviceName,
                string.IsNullOrWhiteSpace(replaceDeviceId) ? null : replaceDeviceId, cancellationToken);
        }
        catch (DeviceLimitException e)
        {
            await CommandTree.WriteErrorAsync(ctx.Error, e.Code, e.Message);
            // The table goes to stderr with the error: stdout of a failed login stays empty for scripts.
            DeviceTable.Write(AnsiConsoleFactory.Create(ctx.Error, useColor: false), e.Devices, currentDeviceId: null);
            var limit = e.MaxDevices > 0 ? $"at most {e.MaxDevices}" : "a limited number of";
            await ctx.InformAsync($"An account may have {limit} devices signed in at once. To sign one of them out and this one in, "
                + $"run the login again with '--replace ID' (e.g. synchub login {login} PASSWORD --replace {Oldest(e.Devices)}).");
            return ExitCodes.Error;
        }
        if (!string.IsNullOrWhiteSpace(replaceDeviceId))
            await ctx.InformAsync($"Signed out device {replaceDeviceId} to make room for this one.");
        await ctx.InformAsync($"Signed in as '{session.Login}' on {session.ServerUrl} (workspace {session.WorkspaceId}, device {session.DeviceId}).");

        if (ctx.Host.EngineRunsInBackground)
        {
            await client.StartAsync(cancellationToken);
            return ExitCodes.Ok;
        }

        // Download the workspace now, so that ls right after login shows it; failing to is not a failed login.
        var outcome = await HubSync.RunAsync(client, ctx.Console.EditSyncTimeout, stopAtFirstFailure: true, cancellationToken);
        if (outcome.InSync)
        {
            await ctx.InformAsync($"In sync: {StatusText.Count(client.GetEntities().Count, "item")} in the workspace.");
        }
        else
        {
            var (code, message) = outcome.Failure(ctx.Console.EditSyncTimeout);
            await ctx.InformAsync($"Not synced yet ({code}: {message}). Run 'synchub sync' to fetch the workspace.");
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> LogoutAsync(CommandContext ctx, bool force, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        if (client.Session is not { } session)
        {
            await ctx.InformAsync("Not signed in.");
            return ExitCodes.Ok;
        }

        // The library sends what is queued first (starting the engine if needed, for up to SignOutFlushTimeout).
        SignOutResult result;
        try
        {
            result = await client.SignOutAsync(force, cancellationToken);
        }
        catch (SyncException e) when (e.Code == ErrorCodes.UnsentChanges)
        {
            await CommandTree.WriteErrorAsync(ctx.Error, e.Code, e.Message);
            await ctx.InformAsync("Still signed in; nothing was removed. Run 'synchub sync' once the hub is back, "
                + "or 'synchub logout --force' to sign out now and save the unsent changes to a file in the profile.");
            return ExitCodes.Error;
        }

        await ctx.InformAsync($"Signed out '{session.Login}' from {session.ServerUrl}; the local copy of the workspace is removed.");
        if (result.SavedTo is { } path)
        {
            // The path is the result a script needs; the sentence is for the person.
            await ctx.WriteResultAsync(path);
            await ctx.InformAsync(result.UnsentChanges > 0
                ? $"{StatusText.Count(result.UnsentChanges, "unsent change")} could not reach the hub and {(result.UnsentChanges == 1 ? "was" : "were")} saved to {path}"
                : $"Conflicts and failed changes of the workspace were saved to {path}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The device seen longest ago: the likeliest one to replace, for the example in the hint.</summary>
    private static string Oldest(IReadOnlyList<Protocol.Http.DeviceInfo> devices) =>
        devices.Where(d => !d.Online).OrderBy(d => d.LastSeenAt).Concat(devices.OrderBy(d => d.LastSeenAt)).FirstOrDefault()?.DeviceId ?? "ID";

    private static async Task<string> ReadPasswordAsync(CommandContext ctx, string password, CancellationToken cancellationToken)
    {
        if (password != "-") return password;
        var line = await ctx.Console.In.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(line)) throw new UsageException("PASSWORD is '-' but stdin has no password line.");
        return line;
    }
}
