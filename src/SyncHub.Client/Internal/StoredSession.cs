namespace SyncHub.Client.Internal;

/// <summary>
/// The session as kept in the local store, token included. Never logged, never handed to the app.
/// <paramref name="IssuedAt"/> is when this device received the token (its clock), from which renewal is planned.
/// </summary>
internal sealed record StoredSession(
    Uri ServerUrl, string AccountId, string WorkspaceId, string DeviceId, string Login, string Token, DateTimeOffset? ExpiresAt,
    DateTimeOffset? IssuedAt = null)
{
    /// <summary>Every hub node of the deployment in the order given at sign-in; <see cref="ServerUrl"/> is the one that signed in.</summary>
    public IReadOnlyList<Uri> ServerUrls { get; init; } = [ServerUrl];

    // A list compares by reference; two sessions with the same nodes in the same order are the same session.
    public bool Equals(StoredSession? other) =>
        other is not null && ServerUrl == other.ServerUrl && AccountId == other.AccountId && WorkspaceId == other.WorkspaceId
        && DeviceId == other.DeviceId && Login == other.Login && Token == other.Token && ExpiresAt == other.ExpiresAt
        && IssuedAt == other.IssuedAt && ServerUrls.SequenceEqual(other.ServerUrls);

    public override int GetHashCode() => HashCode.Combine(ServerUrl, AccountId, DeviceId, Token);

    public SyncSession ToPublic() => new(ServerUrl, AccountId, WorkspaceId, DeviceId, Login, ExpiresAt) { ServerUrls = ServerUrls };

    /// <summary>
    /// When to renew the token: half-way through its lifetime, so a device used now and then is never asked to sign in.
    /// Null when the token never expires, or when this device's clock is so far off the hub's that no plan makes sense
    /// (renewing at once would only repeat); at once when the issue time is unknown (a profile from before renewal).
    /// </summary>
    public DateTimeOffset? RenewAt => ExpiresAt is not { } expires ? null
        : IssuedAt is not { } issued ? DateTimeOffset.MinValue
        : issued < expires ? issued + (expires - issued) / 2
        : null;

    // A record's generated ToString would print the token; keep it out of any accidental log or debugger view.
    public override string ToString() => $"{Login}@{ServerUrl} (account {AccountId}, device {DeviceId})";
}
