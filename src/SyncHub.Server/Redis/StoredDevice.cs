namespace SyncHub.Server.Redis;

/// <summary>A device as its hash field holds it. Times are Unix milliseconds (Lua reads them as numbers).</summary>
internal sealed class StoredDevice
{
    public string Id { get; set; } = string.Empty;

    public string AccountId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long LastSeenAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
