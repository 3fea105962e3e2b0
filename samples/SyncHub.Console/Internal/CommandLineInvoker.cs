using System.CommandLine;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Invokes a parsed command line, turning parse errors into exit code 2 (System.CommandLine's own default is 1).</summary>
internal static class CommandLineInvoker
{
    public static async Task<int> InvokeAsync(ParseResult parseResult, SynchubConsole console, CancellationToken cancellationToken)
    {
        if (parseResult.Errors.Count > 0 && parseResult.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in parseResult.Errors)
                await console.Error.WriteLineAsync($"error: {error.Message}");
            await console.Error.WriteLineAsync($"Try '{CommandPath(parseResult.CommandResult.Command, parseResult)} --help'.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Commands catch what they expect; anything else is a bug and should show its stack.
            EnableDefaultExceptionHandler = true,
            // Ctrl+C is ours (ConsoleInterrupts): the shell must survive it.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    private static string CommandPath(Command command, ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return names.Count > 0 ? string.Join(' ', names) : command.Name;
    }
}
