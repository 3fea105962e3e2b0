using SyncHub.Client.Internal;
using SyncHub.Protocol.Http;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    private volatile IReadOnlyList<DeviceInfo> _devices = [];
    private volatile SignOutResult? _lastRemoteSignOut;

    /// <summary>The account's signed-in devices as last known (from presence updates or <see cref="GetDevicesAsync"/>); empty when unknown.</summary>
    public IReadOnlyList<DeviceInfo> Devices => _devices;

    /// <summary>Raised when the hub says which of the account's devices are signed in or online changed. Raised on the engine's thread.</summary>
    public event EventHandler<PresenceChangedEventArgs>? PresenceChanged;

    /// <summary>
    /// Set when this device was signed out from elsewhere (another device, or its token expired): how many changes could
    /// not be sent and the file they were saved to. The status then is <see cref="SyncState.Offline"/> with code
    /// <c>signed_out</c> (or <c>unauthorized</c> when expired) and a message saying why.
    /// </summary>
    public SignOutResult? LastRemoteSignOut => _lastRemoteSignOut;

    /// <summary>The account's signed-in devices (<c>GET /api/devices</c>); the caller's has <see cref="DeviceInfo.Current"/> set.</summary>
    /// <exception cref="SyncException"><c>unauthorized</c> when signed out or the token is refused, <c>unreachable</c>, ...</exception>
    public async Task<IReadOnlyList<DeviceInfo>> GetDevicesAsync(CancellationToken cancellationToken = default)
    {
        var session = RequireSession();
        var devices = await OnAnyNodeAsync(session, "GetDevices", node => _accounts.GetDevicesAsync(node, CurrentToken(session), cancellationToken)).ConfigureAwait(false);
        OnPresence(devices);
        return _devices;
    }

    /// <summary>
    /// Signs another device of the account out (<c>DELETE /api/devices/{id}</c>). If it is online it first sends its
    /// outbox; then its token stops working and it wipes its synced data.
    /// </summary>
    /// <exception cref="SyncException"><c>not_found</c> for a device that is not one of this account's signed-in devices, <c>unreachable</c>, ...</exception>
    public async Task SignOutDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        var session = RequireSession();
        await OnAnyNodeAsync(session, "DeleteDevice", node => _accounts.DeleteDeviceAsync(node, CurrentToken(session), deviceId, cancellationToken)).ConfigureAwait(false);
    }

    // A running engine may have renewed the token since the session was read.
    private string CurrentToken(StoredSession session) =>
        _store.LoadSession() is { } stored && stored.DeviceId == session.DeviceId ? stored.Token : session.Token;

    private void OnPresence(IReadOnlyList<DeviceInfo> devices)
    {
        var own = _session?.DeviceId;
        IReadOnlyList<DeviceInfo> marked =
        [
            .. devices.Select(d => new DeviceInfo
            {
                DeviceId = d.DeviceId,
                Name = d.Name,
                SignedInAt = d.SignedInAt,
                LastSeenAt = d.LastSeenAt,
                Online = d.Online,
                Current = d.Current || (own is not null && d.DeviceId == own),
            }),
        ];
        _devices = marked;
        try
        {
            PresenceChanged?.Invoke(this, new PresenceChangedEventArgs(marked));
        }
#pragma warning disable CA1031 // An app's handler must not break the engine loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SyncClientLog.HandlerFailed(_logger, nameof(PresenceChanged), ex);
        }
    }

    private void OnSessionRenewed(StoredSession session) => _session = session;

    private void OnSignedOutRemotely(SignOutResult result)
    {
        _lastRemoteSignOut = result;
        _session = null;
        _devices = [];
    }
}
