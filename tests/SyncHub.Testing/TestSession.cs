namespace SyncHub.Testing;

/// <summary>A signed-in test device: what sign-in returned plus the credentials to sign in another device.</summary>
public sealed record TestSession(
    string AccountId,
    string WorkspaceId,
    string DeviceId,
    string Token,
    string Username,
    string Email,
    string Password);
