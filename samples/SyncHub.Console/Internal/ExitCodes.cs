namespace SyncHub.ConsoleClient.Internal;

/// <summary>The exit codes scripts branch on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The hub or the library refused or failed; stderr has <c>error: code: message</c>.</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
