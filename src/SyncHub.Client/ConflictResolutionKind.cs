namespace SyncHub.Client;

/// <summary>The three ways to settle a conflict; see <see cref="ConflictResolution"/>.</summary>
public enum ConflictResolutionKind
{
    /// <summary>This device's edit wins the conflicting fields.</summary>
    KeepMine,

    /// <summary>The hub's version stays; this device's edit is dropped.</summary>
    KeepTheirs,

    /// <summary>A body given by the app is stored.</summary>
    Merged,
}
