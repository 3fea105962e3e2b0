namespace SyncHub.Protocol.Http;

/// <summary>Body of <c>POST /api/workspaces</c>: the new workspace's <paramref name="Name"/>, 1 to 200 characters, not only spaces.</summary>
public sealed record CreateWorkspaceRequest(string? Name);
