using SyncHub.Protocol;

namespace SyncHub.Server.Storage.Internal;

/// <summary>
/// What <see cref="MutationApplier"/> reads and writes, inside one store transaction. Reads see the writes made earlier in
/// the same transaction. The SQLite store answers from its open transaction, the Redis store from its replica of the
/// workspace plus what the batch wrote so far.
/// </summary>
internal interface IMutationState
{
    /// <summary>The seq and version the mutation was applied at, or null when it never was.</summary>
    (long Seq, long Version)? FindApplied(string workspaceId, string mutationId);

    /// <summary>The entity, live or a tombstone; null when the id was never used.</summary>
    StoredEntity? FindEntity(string workspaceId, string entityId);

    /// <summary>The change at <paramref name="seq"/>; null when it was pruned.</summary>
    StoredChange? FindChange(string workspaceId, long seq);

    /// <summary>Every live entity of the workspace.</summary>
    IEnumerable<LiveEntity> LiveEntities(string workspaceId);

    /// <summary>The next seq of the workspace, or null when it does not exist. Only called once every check passed.</summary>
    long? NextSeq(string workspaceId);

    /// <summary>Stores the entity row.</summary>
    void UpsertEntity(string workspaceId, string entityId, StoredEntity entity);

    /// <summary>Appends the change and remembers its mutation id (with the change's seq and version) for idempotency.</summary>
    void InsertChange(string workspaceId, Change change);
}
