namespace SyncHub.Server.Presence;

/// <summary>
/// Which devices have a live hub connection. The in-memory tracker serves one hub node; a Redis tracker (later) serves
/// a cluster with the same contract.
/// </summary>
public interface IPresenceTracker
{
    /// <summary>Records a connection; true when it is the device's first (the device came online).</summary>
    ValueTask<bool> ConnectedAsync(string accountId, string deviceId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Forgets a connection; true when it was the device's last (the device went offline).</summary>
    ValueTask<bool> DisconnectedAsync(string accountId, string deviceId, string connectionId, CancellationToken cancellationToken);

    /// <summary>The ids of the account's devices that are online now.</summary>
    ValueTask<IReadOnlySet<string>> GetOnlineDevicesAsync(string accountId, CancellationToken cancellationToken);
}
