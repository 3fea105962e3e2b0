using Microsoft.Extensions.Logging;

namespace SyncHub.Server.Internal;

/// <summary>The hub's log events. Ids are stable; never log tokens, passwords or entity bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "SyncHub store at {DataDirectory}.")]
    public static partial void StoreOpened(ILogger logger, string dataDirectory);

    [LoggerMessage(1002, LogLevel.Warning, "A background WAL checkpoint failed; the next one tries again.")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Information, "Account {AccountId} registered with workspace {WorkspaceId}.")]
    public static partial void AccountRegistered(ILogger logger, string accountId, string workspaceId);

    [LoggerMessage(1102, LogLevel.Information, "Device {DeviceId} of account {AccountId} signed in.")]
    public static partial void DeviceSignedIn(ILogger logger, string deviceId, string accountId);

    [LoggerMessage(1103, LogLevel.Information, "A sign-in was refused: wrong login or password.")]
    public static partial void SignInRefused(ILogger logger);

    [LoggerMessage(1201, LogLevel.Debug, "Refused a hub token: {Reason}.")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(1301, LogLevel.Debug, "Connection {ConnectionId} of device {DeviceId} subscribed to {Count} workspace(s).")]
    public static partial void Subscribed(ILogger logger, string connectionId, string deviceId, int count);

    [LoggerMessage(1302, LogLevel.Warning, "Device {DeviceId} was refused workspace {WorkspaceId}: not a member.")]
    public static partial void WorkspaceForbidden(ILogger logger, string deviceId, string workspaceId);

    [LoggerMessage(1401, LogLevel.Debug, "Committed {Count} mutation(s) in one transaction.")]
    public static partial void BatchCommitted(ILogger logger, int count);

    [LoggerMessage(1402, LogLevel.Error, "The store failed to commit {Count} mutation(s); they were answered 'unavailable'.")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(1403, LogLevel.Warning, "Publishing {Count} change(s) of workspace {WorkspaceId} failed; devices will catch up by pulling.")]
    public static partial void PublishFailed(ILogger logger, Exception exception, int count, string workspaceId);

    [LoggerMessage(1404, LogLevel.Information, "The commit writer stopped; {Count} waiting mutation(s) were answered 'unavailable'.")]
    public static partial void WriterStopped(ILogger logger, int count);
}
