namespace SyncHub.Postman;

/// <summary>One workspace entity as the reader makes it and the writer takes it.</summary>
/// <param name="Id">The entity id (see <see cref="SyncHub.Protocol.EntityIds"/>).</param>
/// <param name="Kind">One of <see cref="SyncHub.Protocol.EntityKinds"/>.</param>
/// <param name="ParentId">The parent's id, or null for a root (collection, environment, global variable, header preset).</param>
/// <param name="Body">The entity body as JSON text (see <see cref="SyncHub.Protocol.Entities.EntityJson"/>), with its <c>rank</c> set.</param>
public sealed record PostmanEntity(string Id, string Kind, string? ParentId, string Body);
