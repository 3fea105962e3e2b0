using SyncHub.Protocol.Http;

namespace SyncHub.Client;

/// <summary>Arguments of <see cref="SyncClient.WorkspacesChanged"/>.</summary>
public sealed class WorkspacesChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public WorkspacesChangedEventArgs(IReadOnlyList<WorkspaceInfo> workspaces, IReadOnlyList<string> removed, string? unsentSavedTo)
    {
        Workspaces = workspaces;
        Removed = removed;
        UnsentSavedTo = unsentSavedTo;
    }

    /// <summary>Every workspace the account belongs to now, its personal one first.</summary>
    public IReadOnlyList<WorkspaceInfo> Workspaces { get; }

    /// <summary>The workspaces the account lost (removed or left); their local data is gone from this device.</summary>
    public IReadOnlyList<string> Removed { get; }

    /// <summary>
    /// Where the unsent edits, conflicts and failed changes of a removed workspace were saved (a JSON file in the profile
    /// directory), or null when there were none.
    /// </summary>
    public string? UnsentSavedTo { get; }
}
