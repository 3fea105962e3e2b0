using SyncHub.Protocol;

namespace SyncHub.Client;

/// <summary>Arguments of <see cref="SyncClient.EntitiesChanged"/>.</summary>
public sealed class EntitiesChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public EntitiesChangedEventArgs(string workspaceId, IReadOnlyList<Change> changes, bool remote)
    {
        WorkspaceId = workspaceId;
        Changes = changes;
        Remote = remote;
    }

    /// <summary>The workspace whose entities changed.</summary>
    public string WorkspaceId { get; }

    /// <summary>
    /// The changes. For a local edit these carry <c>Seq = 0</c> and the entity's local state; for a remote change they are
    /// the hub's changes as received.
    /// </summary>
    public IReadOnlyList<Change> Changes { get; }

    /// <summary>True when the changes came from the hub (another device, catch-up or a reload); false for local edits.</summary>
    public bool Remote { get; }
}
