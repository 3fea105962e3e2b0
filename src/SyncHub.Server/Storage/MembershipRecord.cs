namespace SyncHub.Server.Storage;

/// <summary>One workspace an account belongs to, with the account's role in it (one of <c>WorkspaceRoles</c>).</summary>
public sealed record MembershipRecord(WorkspaceRecord Workspace, string Role);
