using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using SyncHub.Server.Diagnostics;

namespace SyncHub.Server.Hubs;

/// <summary>
/// The hub connections of every device on this node, so that a sign-out can reach them (<see cref="SignOutRequested"/>)
/// and close them at once, and so that every invocation can cheaply tell whether its device was signed out.
/// </summary>
internal sealed class DeviceConnectionRegistry
{
    private const int MaxRememberedRevocations = 100_000;
    private readonly ConcurrentDictionary<string, DeviceConnections> _devices = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public DeviceConnectionRegistry(TimeProvider timeProvider, SyncHubMetrics metrics)
    {
        _timeProvider = timeProvider;
        metrics.ObserveConnectedDevices(() => _devices.Count);
    }

    // Devices signed out since the hub started: a connection authenticated just before its revocation and registered
    // just after it must not live on. The store stays the truth (a revoked token never authenticates again).
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    /// <summary>Registers a connection; returns its device's entry (never a retired one) and whether it is the device's first here.</summary>
    public DeviceConnections Add(HubCallerContext context, string accountId, string deviceId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(context);
        while (true)
        {
            var entry = _devices.GetOrAdd(deviceId, id => new DeviceConnections(accountId, id, expiresAt, _timeProvider.GetUtcNow()));
            if (!entry.TryAdd(context))
            {
                // Retired by a concurrent last disconnect: replace it and try again.
                _devices.TryRemove(new KeyValuePair<string, DeviceConnections>(deviceId, entry));
                continue;
            }
            entry.ExtendTo(expiresAt);
            if (_revoked.ContainsKey(deviceId)) entry.RevokeAndAbort();
            return entry;
        }
    }

    /// <summary>Unregisters a connection; true when it was its device's last on this node.</summary>
    public bool Remove(DeviceConnections entry, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Remove(connectionId)) return false;
        _devices.TryRemove(new KeyValuePair<string, DeviceConnections>(entry.DeviceId, entry));
        return true;
    }

    /// <summary>The device's connections on this node, or null when it has none.</summary>
    public DeviceConnections? Find(string deviceId) => _devices.TryGetValue(deviceId, out var entry) ? entry : null;

    /// <summary>Every open connection of the account's devices on this node.</summary>
    public string[] ConnectionIdsOf(string accountId) =>
        [.. _devices.Values.Where(e => string.Equals(e.AccountId, accountId, StringComparison.Ordinal)).SelectMany(e => e.ConnectionIds())];

    /// <summary>The device was signed out: every invocation of it fails from now on and its connections close.</summary>
    public void Revoke(string deviceId)
    {
        if (_revoked.Count >= MaxRememberedRevocations) _revoked.Clear();
        _revoked[deviceId] = 0;
        Find(deviceId)?.RevokeAndAbort();
    }

    /// <summary>The device renewed its token: its open connections live until the new expiry.</summary>
    public void Renewed(string deviceId, DateTimeOffset expiresAt) => Find(deviceId)?.ExtendTo(expiresAt);
}
