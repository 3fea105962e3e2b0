namespace SyncHub.Protocol.Http;

/// <summary>Answer of <c>POST /api/accounts</c> (201).</summary>
public sealed record AccountCreated(string AccountId, string Username, string WorkspaceId);
