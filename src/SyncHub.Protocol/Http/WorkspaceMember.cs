using MessagePack;

namespace SyncHub.Protocol.Http;

/// <summary>A member of a workspace, as <c>GET /api/workspaces/{id}/members</c> lists it.</summary>
[MessagePackObject]
public sealed class WorkspaceMember
{
    /// <summary>The member's account id.</summary>
    [Key("accountId")] public string AccountId { get; set; } = string.Empty;

    /// <summary>The member's username.</summary>
    [Key("username")] public string Username { get; set; } = string.Empty;

    /// <summary>One of <see cref="WorkspaceRoles"/>.</summary>
    [Key("role")] public string Role { get; set; } = string.Empty;

    /// <summary>When the account joined (Unix milliseconds).</summary>
    [Key("addedAt")] public long AddedAt { get; set; }
}
