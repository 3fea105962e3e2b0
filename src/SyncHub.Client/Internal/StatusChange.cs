namespace SyncHub.Client.Internal;

/// <summary>
/// A requested change of the inputs the status is derived from; null members stay as they are. A change of
/// <see cref="State"/> also replaces the error (null clears it). <see cref="ConnectedUrl"/> is set by the move to
/// Online on a new connection; it stays through later Online/Error changes and goes with Connecting and Offline.
/// </summary>
internal readonly record struct StatusChange(
    SyncState? State = null, bool? CaughtUp = null, string? ErrorCode = null, string? ErrorMessage = null, Uri? ConnectedUrl = null);
