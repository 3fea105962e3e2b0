namespace SyncHub.Console.Tests;

/// <summary>What one synchub command line did.</summary>
public sealed record CommandRun(int ExitCode, string Out, string Err)
{
    /// <summary>Non-empty stdout lines.</summary>
    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}
