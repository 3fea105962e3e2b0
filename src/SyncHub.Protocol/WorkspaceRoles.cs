namespace SyncHub.Protocol;

/// <summary>An account's role in a workspace, in <see cref="Http.WorkspaceInfo.Role"/> and <see cref="Http.WorkspaceMember.Role"/>.</summary>
public static class WorkspaceRoles
{
    /// <summary>Created the workspace: adds and removes members. Cannot be removed.</summary>
    public const string Owner = "owner";

    /// <summary>Added by the owner: reads and writes everything in it, and may leave.</summary>
    public const string Member = "member";
}
