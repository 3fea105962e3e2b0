using MessagePack;

namespace SyncHub.Protocol.Http;

/// <summary>A workspace an account belongs to, as <c>GET /api/workspaces</c>, the hub's <c>GetWorkspaces</c> and <see cref="WorkspacesUpdate"/> show it.</summary>
[MessagePackObject]
public sealed class WorkspaceInfo
{
    /// <summary>The workspace's id.</summary>
    [Key("workspaceId")] public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>Its name.</summary>
    [Key("name")] public string Name { get; set; } = string.Empty;

    /// <summary>Whether it is the account's personal workspace (made with the account; it takes no members).</summary>
    [Key("personal")] public bool Personal { get; set; }

    /// <summary>The asking account's role: one of <see cref="WorkspaceRoles"/>.</summary>
    [Key("role")] public string Role { get; set; } = string.Empty;

    /// <summary>The owner's account id.</summary>
    [Key("ownerAccountId")] public string OwnerAccountId { get; set; } = string.Empty;

    /// <summary>When it was created (Unix milliseconds).</summary>
    [Key("createdAt")] public long CreatedAt { get; set; }
}
