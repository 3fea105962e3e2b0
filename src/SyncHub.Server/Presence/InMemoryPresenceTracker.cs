namespace SyncHub.Server.Presence;

/// <summary>Presence of one hub node: connections per device per account, in memory.</summary>
public sealed class InMemoryPresenceTracker : IPresenceTracker
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _accounts = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<bool> ConnectedAsync(string accountId, string deviceId, string connectionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_accounts.TryGetValue(accountId, out var devices))
                _accounts[accountId] = devices = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            if (!devices.TryGetValue(deviceId, out var connections))
                devices[deviceId] = connections = new HashSet<string>(StringComparer.Ordinal);
            return ValueTask.FromResult(connections.Add(connectionId) && connections.Count == 1);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DisconnectedAsync(string accountId, string deviceId, string connectionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_accounts.TryGetValue(accountId, out var devices) || !devices.TryGetValue(deviceId, out var connections) || !connections.Remove(connectionId))
                return ValueTask.FromResult(false);
            if (connections.Count > 0) return ValueTask.FromResult(false);
            devices.Remove(deviceId);
            if (devices.Count == 0) _accounts.Remove(accountId);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlySet<string>> GetOnlineDevicesAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlySet<string> online = _accounts.TryGetValue(accountId, out var devices)
                ? new HashSet<string>(devices.Keys, StringComparer.Ordinal)
                : None;
            return ValueTask.FromResult(online);
        }
    }
}
