namespace SyncHub.Client.Internal;

/// <summary>The session as kept in the local store, token included. Never logged, never handed to the app.</summary>
internal sealed record StoredSession(
    Uri ServerUrl, string AccountId, string WorkspaceId, string DeviceId, string Login, string Token, DateTimeOffset? ExpiresAt)
{
    public SyncSession ToPublic() => new(ServerUrl, AccountId, WorkspaceId, DeviceId, Login, ExpiresAt);

    // A record's generated ToString would print the token; keep it out of any accidental log or debugger view.
    public override string ToString() => $"{Login}@{ServerUrl} (account {AccountId}, device {DeviceId})";
}
