namespace SyncHub.Client;

/// <summary>A local change the hub refused for good (for example <c>invalid_parent</c>); it was taken out of the outbox.</summary>
/// <param name="MutationId">The refused mutation.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">The entity's kind.</param>
/// <param name="Op">create, update or delete.</param>
/// <param name="Body">The body that was sent.</param>
/// <param name="Code">The hub's error code.</param>
/// <param name="Message">The hub's message for a person.</param>
/// <param name="At">When it was refused.</param>
public sealed record FailedChange(string MutationId, string EntityId, string Kind, string Op, string? Body, string Code, string Message, DateTimeOffset At);
