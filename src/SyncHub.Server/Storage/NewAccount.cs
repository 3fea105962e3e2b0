namespace SyncHub.Server.Storage;

/// <summary>What registration stores: the account and its personal workspace.</summary>
public sealed record NewAccount(
    string AccountId,
    string Username,
    string Email,
    string PasswordHash,
    string WorkspaceId,
    DateTimeOffset CreatedAt);
