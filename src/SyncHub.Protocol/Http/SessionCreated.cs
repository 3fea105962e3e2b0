namespace SyncHub.Protocol.Http;

/// <summary>Answer of <c>POST /api/sessions</c> (200): the device's bearer token, shown only here.</summary>
public sealed record SessionCreated(string AccountId, string WorkspaceId, string DeviceId, string Token, DateTimeOffset? ExpiresAt);
