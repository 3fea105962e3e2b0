namespace SyncHub.Client;

/// <summary>An entity as this device shows it: the user's latest edit, or the hub's copy when nothing is pending.</summary>
/// <param name="Id">The entity id.</param>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="Kind">One of <see cref="SyncHub.Protocol.EntityKinds"/>.</param>
/// <param name="ParentId">The parent, or null for a collection.</param>
/// <param name="Body">The JSON body as text.</param>
/// <param name="Version">The last version acknowledged by the hub (0 if the hub has not seen it yet).</param>
/// <param name="HasPendingChanges">Whether local edits of it wait in the outbox.</param>
public sealed record LocalEntity(string Id, string WorkspaceId, string Kind, string? ParentId, string Body, long Version, bool HasPendingChanges);
