namespace SyncHub.Protocol.Http;

/// <summary>Body of every HTTP error: a stable <see cref="ErrorCodes"/> value and a sentence for a person.</summary>
public sealed record ErrorResponse(string Code, string Message);
