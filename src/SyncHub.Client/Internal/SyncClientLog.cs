using Microsoft.Extensions.Logging;

namespace SyncHub.Client.Internal;

/// <summary>Log messages of the connection library. Event ids are stable; tokens and passwords are never logged.</summary>
internal static partial class SyncClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Sync state {PreviousState}/{PreviousActivity} -> {State}/{Activity} (error: {ErrorCode}, pending: {Pending}).")]
    public static partial void StateChanged(ILogger logger, SyncState previousState, SyncActivity previousActivity, SyncState state, SyncActivity activity, string errorCode, int pending);

    [LoggerMessage(2, LogLevel.Debug, "Connecting to {HubUrl} as device {DeviceId}.")]
    public static partial void Connecting(ILogger logger, Uri hubUrl, string deviceId);

    [LoggerMessage(3, LogLevel.Information, "Connected and subscribed to workspace {WorkspaceId} at cursor {Cursor} (hub head {HeadSeq}).")]
    public static partial void Subscribed(ILogger logger, string workspaceId, long cursor, long headSeq);

    [LoggerMessage(4, LogLevel.Warning, "Connection attempt failed; retry {RetryCount} in {Delay}.")]
    public static partial void ConnectFailed(ILogger logger, int retryCount, TimeSpan delay, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "The hub refused this device's token; not retrying until the person signs in again.")]
    public static partial void Unauthorized(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Connection to the hub lost.")]
    public static partial void ConnectionLost(ILogger logger, Exception? exception);

    [LoggerMessage(7, LogLevel.Debug, "Caught up workspace {WorkspaceId} to seq {Cursor} ({Count} changes).")]
    public static partial void CaughtUp(ILogger logger, string workspaceId, long cursor, int count);

    [LoggerMessage(8, LogLevel.Debug, "Sending {Count} pending changes.")]
    public static partial void SendingBatch(ILogger logger, int count);

    [LoggerMessage(9, LogLevel.Debug, "Batch answered: {Applied} applied, {Conflicts} conflicts, {Failed} failed, {Transient} to retry.")]
    public static partial void BatchAnswered(ILogger logger, int applied, int conflicts, int failed, int transient);

    [LoggerMessage(10, LogLevel.Warning, "Sending pending changes failed ({Code}); retrying in {Delay}.")]
    public static partial void BatchFailed(ILogger logger, string code, TimeSpan delay, Exception? exception);

    [LoggerMessage(11, LogLevel.Information, "Gap after seq {Cursor} in workspace {WorkspaceId} not filled in time; pulling.")]
    public static partial void PullingGap(ILogger logger, string workspaceId, long cursor);

    [LoggerMessage(65, LogLevel.Debug, "Nothing heard from the hub for a while; pulling workspace {WorkspaceId} after seq {Cursor} in case a push was lost.")]
    public static partial void PullingQuiet(ILogger logger, string workspaceId, long cursor);

    [LoggerMessage(64, LogLevel.Warning, "Pulling the gap after seq {Cursor} in workspace {WorkspaceId} failed ({Code}); trying again shortly.")]
    public static partial void GapPullFailed(ILogger logger, string workspaceId, long cursor, string code);

    [LoggerMessage(12, LogLevel.Warning, "Outbox stalled: {Pending} pending, oldest waiting {Age}.")]
    public static partial void OutboxStalled(ILogger logger, int pending, TimeSpan age);

    [LoggerMessage(13, LogLevel.Information, "Reloading workspace {WorkspaceId} from the hub.")]
    public static partial void Reloading(ILogger logger, string workspaceId);

    [LoggerMessage(14, LogLevel.Error, "A {EventName} handler threw.")]
    public static partial void HandlerFailed(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "The sync engine failed unexpectedly; it will reconnect.")]
    public static partial void EngineFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "Change {MutationId} is larger than the hub accepts; moved to failed without sending.")]
    public static partial void OversizeChange(ILogger logger, string mutationId);

    [LoggerMessage(17, LogLevel.Information, "Signed in as {Login} (account {AccountId}, device {DeviceId}).")]
    public static partial void SignedIn(ILogger logger, string login, string accountId, string deviceId);

    [LoggerMessage(18, LogLevel.Information, "Signed out; local data of workspace {WorkspaceId} removed.")]
    public static partial void SignedOut(ILogger logger, string workspaceId);

    [LoggerMessage(19, LogLevel.Warning, "Sign-in refused: the account has its maximum of {MaxDevices} devices signed in ({Count} listed).")]
    public static partial void DeviceLimitReached(ILogger logger, int maxDevices, int count);

    [LoggerMessage(20, LogLevel.Warning, "{Count} unsent changes saved to {Path}.")]
    public static partial void UnsentChangesSaved(ILogger logger, int count, string path);

    [LoggerMessage(21, LogLevel.Warning, "Could not revoke the session on the hub ({Code}); signed out locally.")]
    public static partial void RevokeFailed(ILogger logger, string code);

    [LoggerMessage(22, LogLevel.Information, "Session renewed; it now expires at {ExpiresAt}.")]
    public static partial void SessionRenewed(ILogger logger, DateTimeOffset? expiresAt);

    [LoggerMessage(23, LogLevel.Warning, "Renewing the session failed ({Code}); retrying at {RetryAt}.")]
    public static partial void RenewFailed(ILogger logger, string code, DateTimeOffset retryAt);

    [LoggerMessage(24, LogLevel.Warning, "The hub refused this device's token; session status {SessionStatus}.")]
    public static partial void TokenRefused(ILogger logger, string sessionStatus);

    [LoggerMessage(25, LogLevel.Information, "Sign-out requested by device {RequestedBy}; sending {Pending} pending changes first (grace {Grace}).")]
    public static partial void SignOutRequested(ILogger logger, string requestedBy, int pending, TimeSpan grace);

    [LoggerMessage(26, LogLevel.Warning, "This device was signed out ({Code}); local data of workspace {WorkspaceId} removed.")]
    public static partial void SignedOutRemotely(ILogger logger, string code, string workspaceId);

    [LoggerMessage(27, LogLevel.Information, "Restored workspace {WorkspaceId} from a snapshot at seq {HeadSeq} ({Count} entities).")]
    public static partial void SnapshotApplied(ILogger logger, string workspaceId, long headSeq, int count);

    [LoggerMessage(28, LogLevel.Information, "The cursor {Cursor} of workspace {WorkspaceId} is older than the hub's change log; fetching a snapshot.")]
    public static partial void SnapshotRequired(ILogger logger, string workspaceId, long cursor);

    [LoggerMessage(29, LogLevel.Warning, "Hub node {FailedUrl} failed ({Reason}); moving to hub node {NextUrl}.")]
    public static partial void MovingToNode(ILogger logger, string failedUrl, string reason, string nextUrl);

    [LoggerMessage(30, LogLevel.Information, "Connected through hub node {NodeUrl}.")]
    public static partial void ConnectedToNode(ILogger logger, string nodeUrl);

    [LoggerMessage(31, LogLevel.Warning, "{Operation}: hub node {FailedUrl} is down ({Code}); trying hub node {NextUrl}.")]
    public static partial void NodeUnreachable(ILogger logger, string operation, string failedUrl, string code, string nextUrl);

    [LoggerMessage(40, LogLevel.Warning, "Conflict {ConflictId} on {Kind} {EntityId}: the hub's version {TheirsVersion} differs in {Fields}; its version is shown until resolved.")]
    public static partial void ConflictRecorded(ILogger logger, long conflictId, string kind, string entityId, long theirsVersion, string fields);

    [LoggerMessage(41, LogLevel.Information, "Conflict {ConflictId} on {EntityId} resolved: {Resolution}.")]
    public static partial void ConflictResolved(ILogger logger, long conflictId, string entityId, ConflictResolutionKind resolution);

    [LoggerMessage(42, LogLevel.Debug, "Change {MutationId} was merged by the hub with newer changes into version {Version}.")]
    public static partial void ChangeMerged(ILogger logger, string mutationId, long version);

    [LoggerMessage(61, LogLevel.Information, "Syncing {Count} workspace(s).")]
    public static partial void SyncingWorkspaces(ILogger logger, int count);

    [LoggerMessage(62, LogLevel.Information, "Subscribed to workspace {WorkspaceId} the account just got.")]
    public static partial void WorkspaceAdded(ILogger logger, string workspaceId);

    [LoggerMessage(63, LogLevel.Warning, "The account no longer belongs to workspace {WorkspaceId}; its local data was removed.")]
    public static partial void WorkspaceRemoved(ILogger logger, string workspaceId);
}
