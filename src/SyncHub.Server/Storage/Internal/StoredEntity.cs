namespace SyncHub.Server.Storage.Internal;

/// <summary>An entity as a store keeps it: everything but the body, which lives in the change at <see cref="Seq"/>.</summary>
internal sealed record StoredEntity(string Kind, string? ParentId, long Version, bool Deleted, long Seq);
