namespace SyncHub.Client;

/// <summary>The signed-in session of a profile. The token is kept in the local store and never exposed.</summary>
/// <param name="ServerUrl">The hub this session belongs to.</param>
/// <param name="AccountId">The account.</param>
/// <param name="WorkspaceId">The workspace this device syncs.</param>
/// <param name="DeviceId">This device's id on the hub.</param>
/// <param name="Login">The login used to sign in.</param>
/// <param name="ExpiresAt">When the token expires, if it does.</param>
public sealed record SyncSession(Uri ServerUrl, string AccountId, string WorkspaceId, string DeviceId, string Login, DateTimeOffset? ExpiresAt);
