using Microsoft.Extensions.Logging;

namespace SyncHub.Server.Internal;

/// <summary>The hub's log events. Ids are stable; never log tokens, passwords or entity bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "SyncHub node starting on the {StoreKind} store at {Location} (schema version {SchemaVersion}).")]
    public static partial void StoreOpened(ILogger logger, string storeKind, string location, int schemaVersion);

    [LoggerMessage(1002, LogLevel.Warning, "A background WAL checkpoint failed; the next one tries again.")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Information, "Account {AccountId} registered with workspace {WorkspaceId}.")]
    public static partial void AccountRegistered(ILogger logger, string accountId, string workspaceId);

    [LoggerMessage(1102, LogLevel.Information, "Device {DeviceId} of account {AccountId} signed in.")]
    public static partial void DeviceSignedIn(ILogger logger, string deviceId, string accountId);

    [LoggerMessage(1103, LogLevel.Information, "A sign-in was refused: wrong login or password.")]
    public static partial void SignInRefused(ILogger logger);

    [LoggerMessage(1104, LogLevel.Information, "A sign-in to account {AccountId} was refused: it has {MaxDevices} devices signed in.")]
    public static partial void DeviceLimitReached(ILogger logger, string accountId, int maxDevices);

    [LoggerMessage(1105, LogLevel.Information, "Device {DeviceId} of account {AccountId} was signed out (by {RevokedBy}).")]
    public static partial void DeviceSignedOut(ILogger logger, string deviceId, string accountId, string revokedBy);

    [LoggerMessage(1106, LogLevel.Debug, "Device {DeviceId} renewed its token.")]
    public static partial void SessionRenewed(ILogger logger, string deviceId);

    [LoggerMessage(1107, LogLevel.Information, "A {Endpoint} attempt was rate-limited ({Partition}).")]
    public static partial void RateLimited(ILogger logger, string endpoint, string partition);

    [LoggerMessage(1108, LogLevel.Debug, "Asked device {DeviceId} to sign out on {Connections} connection(s); waiting up to {Grace}.")]
    public static partial void SignOutRequested(ILogger logger, string deviceId, int connections, TimeSpan grace);

    [LoggerMessage(1109, LogLevel.Information, "Device {DeviceId} did not acknowledge its sign-out within {Grace}; signing it out anyway.")]
    public static partial void SignOutNotAcknowledged(ILogger logger, string deviceId, TimeSpan grace);

    [LoggerMessage(1201, LogLevel.Debug, "Refused a hub token: {Reason}.")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(1202, LogLevel.Debug, "Closed connection {ConnectionId}: device {DeviceId} is signed out or its sign-in expired.")]
    public static partial void ConnectionOfRevokedDevice(ILogger logger, string connectionId, string deviceId);

    [LoggerMessage(1203, LogLevel.Debug, "Connection {ConnectionId} of device {DeviceId} (account {AccountId}) opened.")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, string deviceId, string accountId);

    [LoggerMessage(1204, LogLevel.Debug, "Connection {ConnectionId} of device {DeviceId} closed (last of the device here: {WasLast}).")]
    public static partial void ConnectionClosed(ILogger logger, Exception? exception, string connectionId, string deviceId, bool wasLast);

    [LoggerMessage(1301, LogLevel.Debug, "Connection {ConnectionId} of device {DeviceId} subscribed to {Count} workspace(s).")]
    public static partial void Subscribed(ILogger logger, string connectionId, string deviceId, int count);

    [LoggerMessage(1302, LogLevel.Warning, "Device {DeviceId} was refused workspace {WorkspaceId}: not a member.")]
    public static partial void WorkspaceForbidden(ILogger logger, string deviceId, string workspaceId);

    [LoggerMessage(1303, LogLevel.Warning, "Sending presence to account {AccountId} failed; its devices see it on their next update.")]
    public static partial void PresenceFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(1401, LogLevel.Debug, "Committed {Count} mutation(s) in one transaction.")]
    public static partial void BatchCommitted(ILogger logger, int count);

    [LoggerMessage(1402, LogLevel.Error, "The store failed to commit {Count} mutation(s); they were answered 'unavailable'.")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(1403, LogLevel.Warning, "Publishing {Count} change(s) of workspace {WorkspaceId} failed; devices will catch up by pulling.")]
    public static partial void PublishFailed(ILogger logger, Exception exception, int count, string workspaceId);

    [LoggerMessage(1404, LogLevel.Information, "The commit writer stopped; {Count} waiting mutation(s) were answered 'unavailable'.")]
    public static partial void WriterStopped(ILogger logger, int count);

    // The message is left out: it may quote the mutation's fields.
    [LoggerMessage(1405, LogLevel.Debug, "Mutation {MutationId} of device {DeviceId} in workspace {WorkspaceId} was refused ({Code}).")]
    public static partial void MutationRefused(ILogger logger, string mutationId, string deviceId, string workspaceId, string code);

    [LoggerMessage(1406, LogLevel.Debug, "Mutation {MutationId} of device {DeviceId} on entity {EntityId} of workspace {WorkspaceId} is a conflict.")]
    public static partial void MutationConflict(ILogger logger, string mutationId, string deviceId, string entityId, string workspaceId);

    [LoggerMessage(1501, LogLevel.Debug, "Pruned the change log of workspace {WorkspaceId} through seq {PrunedThrough}.")]
    public static partial void ChangeLogPruned(ILogger logger, string workspaceId, long prunedThrough);

    [LoggerMessage(1502, LogLevel.Warning, "Pruning the change log of workspace {WorkspaceId} failed; it is tried again after its next changes.")]
    public static partial void PruneFailed(ILogger logger, Exception exception, string workspaceId);

    [LoggerMessage(1601, LogLevel.Information, "Account {AccountId} created workspace {WorkspaceId}.")]
    public static partial void WorkspaceCreated(ILogger logger, string accountId, string workspaceId);

    [LoggerMessage(1602, LogLevel.Information, "Account {MemberId} was added to workspace {WorkspaceId} by {AccountId}.")]
    public static partial void MemberAdded(ILogger logger, string memberId, string workspaceId, string accountId);

    [LoggerMessage(1603, LogLevel.Information, "Account {MemberId} was removed from workspace {WorkspaceId} by {AccountId}.")]
    public static partial void MemberRemoved(ILogger logger, string memberId, string workspaceId, string accountId);

    [LoggerMessage(1604, LogLevel.Warning, "Sending the workspaces of account {AccountId} failed; its devices see them at their next GetWorkspaces.")]
    public static partial void WorkspacesPushFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(1701, LogLevel.Information, "Account {AccountId} imported a {Format} of {Count} entities into workspace {WorkspaceId} (seq {FirstSeq} to {LastSeq}).")]
    public static partial void WorkspaceImported(ILogger logger, string accountId, string format, int count, string workspaceId, long firstSeq, long lastSeq);

    // The reason is left out: it may quote values of the file, and files hold tokens and passwords.
    [LoggerMessage(1702, LogLevel.Information, "An import into workspace {WorkspaceId} by account {AccountId} was refused ({Code}) at {Path}.")]
    public static partial void ImportRefused(ILogger logger, string workspaceId, string accountId, string code, string path);

    [LoggerMessage(1703, LogLevel.Information, "Account {AccountId} exported {What} of workspace {WorkspaceId} ({Count} entities).")]
    public static partial void WorkspaceExported(ILogger logger, string accountId, string what, string workspaceId, int count);

    [LoggerMessage(1801, LogLevel.Warning, "Hub method {Method} failed because the store did not answer; the device was told 'unavailable'.")]
    public static partial void InvocationStoreFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(1802, LogLevel.Warning, "{Method} {Path} failed because the store did not answer; it was answered 503 'unavailable'.")]
    public static partial void RequestStoreFailed(ILogger logger, Exception exception, string method, string path);
}
