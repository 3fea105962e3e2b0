namespace SyncHub.Client;

/// <summary>Arguments of <see cref="SyncClient.ConflictDetected"/>.</summary>
public sealed class ConflictDetectedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public ConflictDetectedEventArgs(ConflictRecord conflict) => Conflict = conflict;

    /// <summary>The new conflict, as <see cref="SyncClient.GetConflicts"/> lists it.</summary>
    public ConflictRecord Conflict { get; }
}
