namespace SyncHub.Client;

/// <summary>One entity for <see cref="SyncClient.CreateManyAsync"/>: created with the id the caller chose.</summary>
/// <param name="Id">Its new id: 1 to 128 letters, digits, '.', '_' or '-', unused in the workspace and in the list.</param>
/// <param name="Kind">One of <see cref="SyncHub.Protocol.EntityKinds"/>.</param>
/// <param name="ParentId">
/// Its parent: an entity of the workspace or one earlier in the same list; null for a root kind (collection,
/// environment, global variable, header preset).
/// </param>
/// <param name="Body">The JSON body; without a <c>rank</c> it gets one after its last sibling (earlier ones of the list included).</param>
public sealed record NewEntity(string Id, string Kind, string? ParentId, string Body);
