namespace SyncHub.Server.Storage;

/// <summary>A signed-in device. Only the SHA-256 hash of its token is kept.</summary>
public sealed record DeviceRecord(
    string DeviceId,
    string AccountId,
    string Name,
    byte[] TokenHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the token still opens the hub at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
