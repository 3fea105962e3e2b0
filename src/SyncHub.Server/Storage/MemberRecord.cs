namespace SyncHub.Server.Storage;

/// <summary>A member of a workspace: the account, its username, its role (one of <c>WorkspaceRoles</c>) and when it joined.</summary>
public sealed record MemberRecord(
    string AccountId,
    string Username,
    string Role,
    DateTimeOffset AddedAt);
