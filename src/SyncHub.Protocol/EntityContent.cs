namespace SyncHub.Protocol;

/// <summary>What an edit of an entity sets: its parent and its body. The input of <see cref="EntityMerge.Merge(EntityContent, EntityContent, EntityContent)"/>.</summary>
/// <param name="ParentId">The parent's id, or null for a root.</param>
/// <param name="Body">The body as a JSON object, in text.</param>
public sealed record EntityContent(string? ParentId, string Body);
