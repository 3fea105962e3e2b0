namespace SyncHub.Protocol.Http;

/// <summary>
/// Body of <c>GET /api/sessions/current</c>. With a valid token: 200 and <see cref="Status"/> <c>active</c>. With a
/// refused token: 401 and <see cref="Status"/> <c>revoked</c> (signed out, <see cref="RevokedBy"/> names the device that
/// did it, null when it signed itself out), <c>expired</c> or <c>unknown</c>, so a device can tell the person why.
/// </summary>
public sealed record SessionState(string Status, string? DeviceId, string? DeviceName, DateTimeOffset? ExpiresAt, string? RevokedBy, DateTimeOffset? RevokedAt, string? Message);
