namespace SyncHub.Server.Storage;

/// <summary>A stored account.</summary>
public sealed record AccountRecord(
    string AccountId,
    string Username,
    string Email,
    string PasswordHash,
    string WorkspaceId);
