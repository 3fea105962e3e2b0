namespace SyncHub.Client;

/// <summary>The signed-in session of a profile. The token is kept in the local store and never exposed.</summary>
/// <param name="ServerUrl">The hub node this session was signed in through (one of <see cref="ServerUrls"/>).</param>
/// <param name="AccountId">The account.</param>
/// <param name="WorkspaceId">The workspace this device syncs.</param>
/// <param name="DeviceId">This device's id on the hub.</param>
/// <param name="Login">The login used to sign in.</param>
/// <param name="ExpiresAt">When the token expires, if it does.</param>
public sealed record SyncSession(Uri ServerUrl, string AccountId, string WorkspaceId, string DeviceId, string Login, DateTimeOffset? ExpiresAt)
{
    /// <summary>Every hub node of the deployment, in the order given at sign-in; the engine moves between them. Never empty.</summary>
    public IReadOnlyList<Uri> ServerUrls { get; init; } = [ServerUrl];

    /// <summary>Equal when every member is, the nodes compared in order (not the list instance).</summary>
    public bool Equals(SyncSession? other) =>
        other is not null && ServerUrl == other.ServerUrl && AccountId == other.AccountId && WorkspaceId == other.WorkspaceId
        && DeviceId == other.DeviceId && Login == other.Login && ExpiresAt == other.ExpiresAt && ServerUrls.SequenceEqual(other.ServerUrls);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ServerUrl, AccountId, WorkspaceId, DeviceId);
}
