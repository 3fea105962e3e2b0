namespace SyncHub.Protocol.Http;

/// <summary>Body of <c>POST /api/workspaces/{id}/members</c>: the <paramref name="Username"/> of the account to add (any case).</summary>
public sealed record AddMemberRequest(string? Username);
