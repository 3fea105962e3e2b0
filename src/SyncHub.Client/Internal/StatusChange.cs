namespace SyncHub.Client.Internal;

/// <summary>
/// A requested change of the inputs the status is derived from; null members stay as they are. A change of
/// <see cref="State"/> also replaces the error (null clears it).
/// </summary>
internal readonly record struct StatusChange(
    SyncState? State = null, bool? CaughtUp = null, string? ErrorCode = null, string? ErrorMessage = null);
