namespace SyncHub.Server.Storage.Internal;

/// <summary>A live (not deleted) entity of a workspace, as a cascade walk needs it.</summary>
internal readonly record struct LiveEntity(string EntityId, string Kind, string? ParentId, long Version);
