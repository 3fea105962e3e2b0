using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// Where commands get their <see cref="SyncClient"/>: a fresh one per process for a one-shot command, or the shell's
/// long-lived one whose engine runs in the background.
/// </summary>
internal interface IClientHost
{
    /// <summary>True in the shell: the engine is already syncing, so edits need no sync of their own.</summary>
    bool EngineRunsInBackground { get; }

    /// <param name="forSignIn">register or login: the client must talk to <see cref="InvocationSettings.ServerUrl"/>.</param>
    Task<SyncClient> GetClientAsync(InvocationSettings settings, bool forSignIn, CancellationToken cancellationToken);
}
