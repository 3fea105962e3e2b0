namespace SyncHub.Client;

/// <summary>
/// The connection state of a <see cref="SyncClient"/>. Every transition raises <see cref="SyncClient.StatusChanged"/>.
/// </summary>
public enum SyncState
{
    /// <summary>The engine is not running (not started, stopped, or signed out). Local edits still go to the outbox.</summary>
    Offline,

    /// <summary>The engine is connecting to the hub or waiting to retry after a failure. Local edits wait in the outbox.</summary>
    Connecting,

    /// <summary>Connected and subscribed. <see cref="SyncStatus.Activity"/> tells whether changes are still being exchanged.</summary>
    Online,

    /// <summary>
    /// Something needs attention: <see cref="SyncStatus.ErrorCode"/> says what. <c>unauthorized</c> stops the engine
    /// (sign in again); <c>outbox_stalled</c> means connected but the outbox cannot drain, and the engine keeps retrying.
    /// </summary>
    Error,
}
