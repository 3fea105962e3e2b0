using System.CommandLine;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Options every command takes, before or after the command name.</summary>
internal sealed class GlobalOptions
{
    public Option<string[]> Server { get; } = new("--server")
    {
        Description = "The hub's URL, needed only by register and login (a session remembers its hub). Several nodes of one hub: "
            + "URL1,URL2 or the option repeated, tried in order. Default: $SYNCHUB_SERVER (also comma-separated), else " + InvocationSettings.DefaultServer + ".",
        HelpName = "URL[,URL...]",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "The folder holding this device's session and local store. Default: $SYNCHUB_PROFILE, else ~/.synchub.",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log what the connection library does, on stderr.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Profile);
        command.Options.Add(Verbose);
    }
}
