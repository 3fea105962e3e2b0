namespace SyncHub.Server.Storage;

/// <summary>A stored workspace; <paramref name="Personal"/> when it is its owner's personal one (made with the account).</summary>
public sealed record WorkspaceRecord(
    string WorkspaceId,
    string Name,
    string OwnerAccountId,
    bool Personal,
    DateTimeOffset CreatedAt);
