using Spectre.Console;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Spectre.Console over one of our writers: colors only on a terminal, and no wrapping when redirected.</summary>
internal static class AnsiConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer, bool useColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = useColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = useColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Redirected output has no width; long names and URLs must stay on one line for grep and friends.
        if (!useColor) console.Profile.Width = 4096;
        return console;
    }
}
