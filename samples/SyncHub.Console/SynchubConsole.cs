using SyncHub.ConsoleClient.Internal;

namespace SyncHub.ConsoleClient;

/// <summary>
/// What the console client reads from and writes to: the process's console in <c>Program</c>, string readers and
/// writers in tests, so that a test runs the real command tree in-process.
/// </summary>
public sealed class SynchubConsole
{
    /// <summary>Creates a console over the given streams.</summary>
    public SynchubConsole(TextWriter output, TextWriter error, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(input);
        Out = output;
        Error = error;
        In = input;
    }

    /// <summary>Results only: ids, listings, status. Scripts capture this.</summary>
    public TextWriter Out { get; }

    /// <summary>Messages for a person, warnings, errors and the shell prompt.</summary>
    public TextWriter Error { get; }

    /// <summary>Lines for the interactive shell, and a password given as <c>-</c>.</summary>
    public TextReader In { get; }

    /// <summary>Reads an environment variable (SYNCHUB_SERVER, SYNCHUB_PROFILE); tests replace it to stay hermetic.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The home directory the default profile (<c>~/.synchub</c>) lives in.</summary>
    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Whether <see cref="Out"/> is a terminal that shows colors.</summary>
    public bool UseColor { get; init; }

    /// <summary>How long an edit command waits for its best-effort sync before leaving the edit queued.</summary>
    public TimeSpan EditSyncTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Ctrl+C handling of the real console; null in tests, where the cancellation token plays that part.</summary>
    internal ConsoleInterrupts? Interrupts { get; init; }
}
