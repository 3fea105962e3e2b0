namespace SyncHub.Client;

/// <summary>A local change in the outbox, waiting for the hub's acknowledgement.</summary>
/// <param name="Sequence">Local order of the outbox (sent in ascending order).</param>
/// <param name="MutationId">The id sent to the hub; retries resend it.</param>
/// <param name="Op">create, update or delete.</param>
/// <param name="Kind">The entity's kind.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="ParentId">The parent after the change.</param>
/// <param name="Body">The body after the change (null for a delete).</param>
/// <param name="BaseVersion">The hub version the change was made against.</param>
/// <param name="CreatedAt">When the change was made.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="LastError">The last transient error, if any.</param>
public sealed record PendingChange(long Sequence, string MutationId, string Op, string Kind, string EntityId, string? ParentId, string? Body, long BaseVersion, DateTimeOffset CreatedAt, int Attempts, string? LastError);
