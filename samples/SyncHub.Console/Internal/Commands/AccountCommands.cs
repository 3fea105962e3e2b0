using SyncHub.Client;

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
        await ctx.InformAsync($"Account '{created.Username}' created on {ctx.Settings.ServerUrl}. Sign in with: synchub login {created.Username} PASSWORD");
        return ExitCodes.Ok;
    }

    public static async Task<int> LoginAsync(CommandContext ctx, string login, string password, string? deviceName, CancellationToken cancellationToken)
    {
        password = await ReadPasswordAsync(ctx, password, cancellationToken);
        var client = await ctx.Host.GetClientAsync(ctx.Settings, forSignIn: true, cancellationToken);
        if (client.Session is { } current)
        {
            throw new CommandFailedException(ConsoleErrorCodes.AlreadySignedIn,
                $"This profile is already signed in as '{current.Login}' on {current.ServerUrl}: run 'synchub logout' first, or use another --profile.");
        }

        var session = await client.SignInAsync(login, password, string.IsNullOrWhiteSpace(deviceName) ? Environment.MachineName : deviceName, cancellationToken);
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

    public static async Task<int> LogoutAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        if (client.Session is not { } session)
        {
            await ctx.InformAsync("Not signed in.");
            return ExitCodes.Ok;
        }

        // Give queued edits a chance to reach the hub before the local copy goes.
        if (!ctx.Host.EngineRunsInBackground && client.GetOutbox().Count > 0)
            await HubSync.RunAsync(client, ctx.Console.EditSyncTimeout, stopAtFirstFailure: true, cancellationToken);
        var unsent = client.GetOutbox().Count;

        await client.SignOutAsync(cancellationToken);
        await ctx.InformAsync($"Signed out '{session.Login}' from {session.ServerUrl}.");
        if (unsent > 0)
            await ctx.InformAsync($"Warning: {StatusText.Count(unsent, "local change")} had not reached the hub when signing out.");
        return ExitCodes.Ok;
    }

    private static async Task<string> ReadPasswordAsync(CommandContext ctx, string password, CancellationToken cancellationToken)
    {
        if (password != "-") return password;
        var line = await ctx.Console.In.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(line)) throw new UsageException("PASSWORD is '-' but stdin has no password line.");
        return line;
    }
}
