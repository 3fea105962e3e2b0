using Microsoft.AspNetCore.SignalR;

namespace SyncHub.Server.Hubs;

/// <summary>
/// The open hub connections of one device on this node, with what every invocation checks (revoked, expiry) and the
/// pending acknowledgement of a remote sign-out.
/// </summary>
internal sealed class DeviceConnections(string accountId, string deviceId, DateTimeOffset expiresAt, DateTimeOffset connectedAt)
{
    /// <summary>The key under which a connection's <see cref="HubCallerContext.Items"/> holds its entry.</summary>
    public static readonly object ItemKey = new();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);
    private long _expiresAt = expiresAt.ToUnixTimeMilliseconds();
    private volatile bool _revoked;
    private TaskCompletionSource? _signOutAcknowledged;

    public string AccountId { get; } = accountId;

    public string DeviceId { get; } = deviceId;

    /// <summary>When the device's first connection here opened (authentication recorded it as seen then, to the minute).</summary>
    public DateTimeOffset ConnectedAt { get; } = connectedAt;

    public bool IsRevoked => _revoked;

    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _expiresAt));

    /// <summary>Set once the registry dropped this entry (it had no connections left); a new connection needs a new entry.</summary>
    public bool IsRetired { get; private set; }

    public void ExtendTo(DateTimeOffset expiresAt)
    {
        var value = expiresAt.ToUnixTimeMilliseconds();
        long seen;
        do
        {
            seen = Interlocked.Read(ref _expiresAt);
            if (seen >= value) return;
        }
        while (Interlocked.CompareExchange(ref _expiresAt, value, seen) != seen);
    }

    public bool TryAdd(HubCallerContext context)
    {
        lock (_lock)
        {
            if (IsRetired) return false;
            _connections[context.ConnectionId] = context;
            return true;
        }
    }

    /// <summary>Removes a connection; retires the entry when it was the last one. Returns whether it was the last.</summary>
    public bool Remove(string connectionId)
    {
        lock (_lock)
        {
            _connections.Remove(connectionId);
            if (_connections.Count > 0) return false;
            IsRetired = true;
            _signOutAcknowledged?.TrySetResult();
            return true;
        }
    }

    public string[] ConnectionIds()
    {
        lock (_lock) return [.. _connections.Keys];
    }

    /// <summary>Starts waiting for <c>AcknowledgeSignOut</c>; completes at the acknowledgement or when the device's last connection closes.</summary>
    public Task BeginSignOut()
    {
        lock (_lock)
        {
            if (_connections.Count == 0) return Task.CompletedTask;
            if (_signOutAcknowledged is null || _signOutAcknowledged.Task.IsCompleted)
                _signOutAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _signOutAcknowledged.Task;
        }
    }

    /// <summary>Completes a pending sign-out request; false when none is pending.</summary>
    public bool AcknowledgeSignOut()
    {
        lock (_lock) return _signOutAcknowledged?.TrySetResult() ?? false;
    }

    /// <summary>Marks the device signed out and closes every connection of it.</summary>
    public void RevokeAndAbort()
    {
        _revoked = true;
        HubCallerContext[] open;
        lock (_lock)
        {
            open = [.. _connections.Values];
            _signOutAcknowledged?.TrySetResult();
        }
        foreach (var context in open)
        {
            context.Abort();
        }
    }
}
