namespace SyncHub.LoadTest.Internal;

/// <summary>What the verification compares of one entity: where it is, its version and its body.</summary>
internal readonly record struct EntityState(string? ParentId, long Version, string Body);
