namespace SyncHub.Client;

/// <summary>Arguments of <see cref="SyncClient.StatusChanged"/>.</summary>
public sealed class SyncStatusChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public SyncStatusChangedEventArgs(SyncStatus previous, SyncStatus current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The status before the transition.</summary>
    public SyncStatus Previous { get; }

    /// <summary>The status after the transition.</summary>
    public SyncStatus Current { get; }
}
