using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// <c>synchub</c> without a command: reads lines, runs each with the same command tree, and keeps the engine running in
/// the background so that the prompt shows the live sync state. The prompt and messages go to stderr, so that piping
/// commands in leaves only results (ids, listings) on stdout.
/// </summary>
internal static class InteractiveShell
{
    public static async Task<int> RunAsync(CommandContext outer, CancellationToken cancellationToken)
    {
        var console = outer.Console;
        await using var host = new ShellClientHost(outer.Settings, console.EditSyncTimeout);
        var tree = new CommandTree(console, host, shellMode: true, fallback: outer.Settings);

        var client = await host.GetClientAsync(outer.Settings, forSignIn: false, cancellationToken);
        if (client.Session is not null) await client.StartAsync(cancellationToken);
        await console.Error.WriteLineAsync($"SyncHub shell on profile {outer.Settings.ProfileDirectory}. Type 'help' for commands, 'exit' or Ctrl+D to leave.");
        if (client.Session is null) await console.Error.WriteLineAsync("Not signed in: use 'login LOGIN PASSWORD' (or 'register USER EMAIL PASSWORD' first).");

        // Ctrl+C at the prompt must not end the shell (nor reach the command line's own operation below it).
        Action idle = () => console.Error.Write($"{Environment.NewLine}(Type 'exit' or press Ctrl+D to leave.){Environment.NewLine}{Prompt(host.Client)}");
        console.Interrupts?.Enter(idle);
        var lastExitCode = ExitCodes.Ok;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteAsync(Prompt(host.Client));
                await console.Error.FlushAsync(cancellationToken);
                var line = await console.In.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    await console.Error.WriteLineAsync();
                    break;
                }

                IReadOnlyList<string> tokens;
                try
                {
                    tokens = ShellLineSplitter.Split(line);
                }
                catch (UsageException e)
                {
                    await console.Error.WriteLineAsync($"error: {e.Message}");
                    lastExitCode = ExitCodes.Usage;
                    continue;
                }
                if (tokens.Count > 0 && tokens[0] == "synchub") tokens = tokens.Skip(1).ToList();
                if (tokens.Count == 0 || tokens[0].StartsWith('#')) continue;
                if (tokens[0] is "exit" or "quit") break;
                if (tokens[0] is "help" or "?") tokens = [.. tokens.Skip(1), "--help"];

                using var operation = InterruptScope.Begin(console, cancellationToken);
                lastExitCode = await CommandLineInvoker.InvokeAsync(tree.Root.Parse(tokens), console, operation.Token);
                await console.Out.FlushAsync(cancellationToken);
            }

            await FinishAsync(console, host.Client, cancellationToken);
        }
        finally
        {
            console.Interrupts?.Leave(idle);
        }
        return lastExitCode;
    }

    internal static string Prompt(SyncClient? client) =>
        client is null ? "synchub > " : $"synchub [{(client.IsInScratchPad ? "scratch pad, " : string.Empty)}{StatusText.Label(client.Status, client.Session is not null)}] > ";

    /// <summary>Edits made in the shell are on their way; give them a moment to arrive before the engine stops.</summary>
    private static async Task FinishAsync(SynchubConsole console, SyncClient? client, CancellationToken cancellationToken)
    {
        if (client?.Session is null || client.Status.PendingChanges == 0) return;
        // Returns at once when the engine is already failing to reach the hub.
        await HubSync.WaitAsync(client, console.EditSyncTimeout, stopAtFirstFailure: true, cancellationToken);
        var pending = client.GetOutbox().Count;
        if (pending > 0)
            await console.Error.WriteLineAsync($"{StatusText.StayQueued(pending)} and will be sent by the next 'synchub sync'.");
    }
}
