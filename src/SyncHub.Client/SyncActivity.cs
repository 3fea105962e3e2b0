namespace SyncHub.Client;

/// <summary>What an <see cref="SyncState.Online"/> client is doing. Meaningful only while online.</summary>
public enum SyncActivity
{
    /// <summary>Not online.</summary>
    None,

    /// <summary>Catching up with the hub or sending pending changes.</summary>
    Syncing,

    /// <summary>Caught up and nothing pending: this device holds what the hub holds.</summary>
    InSync,
}
