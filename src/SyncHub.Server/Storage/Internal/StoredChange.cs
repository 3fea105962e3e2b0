namespace SyncHub.Server.Storage.Internal;

/// <summary>What the applier reads back of a stored change: who made it and the content it stored.</summary>
internal sealed record StoredChange(string MutationId, string? ParentId, string? Body);
