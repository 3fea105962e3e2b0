namespace SyncHub.Protocol.Http;

/// <summary>Body of <c>POST /api/accounts</c>.</summary>
public sealed record RegisterAccountRequest(string Username, string Email, string Password);
