namespace SyncHub.Client.Internal;

/// <summary>A row of the entities table: what the user sees and the hub's last known copy.</summary>
internal sealed record EntityRow(
    string WorkspaceId, string Id, string Kind, string? ParentId, string? Body, bool Deleted,
    string? ServerParentId, string? ServerBody, long ServerVersion, bool ServerDeleted)
{
    public bool IsLive => !Deleted && Body is not null;
}
