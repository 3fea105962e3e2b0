using SyncHub.ConsoleClient.Internal;

namespace SyncHub.ConsoleClient;

/// <summary>The <c>synchub</c> program as a method, so that tests run exactly what the executable runs.</summary>
public static class SynchubApp
{
    /// <summary>
    /// Runs one command line (<c>synchub [--server URL] [--profile DIR] COMMAND ...</c>), or the interactive shell when
    /// no command is given. Returns the exit code: 0 ok, 1 an error from the hub or the library, 2 a usage error,
    /// 130 interrupted.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, SynchubConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);

        await using var host = new OneShotClientHost(console);
        var tree = new CommandTree(console, host, shellMode: false, fallback: null);
        using var operation = InterruptScope.Begin(console, cancellationToken);
        var exitCode = await CommandLineInvoker.InvokeAsync(tree.Root.Parse(args), console, operation.Token);
        await console.Out.FlushAsync(CancellationToken.None);
        await console.Error.FlushAsync(CancellationToken.None);
        return exitCode;
    }

    /// <summary>Runs one command line with the given writers and no input.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new SynchubConsole(stdout, stderr, TextReader.Null), cancellationToken);
}
