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
    /// <summary>The device that signed this one out; null while signed in, or when it signed itself out.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>Whether the token still opens the hub at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
