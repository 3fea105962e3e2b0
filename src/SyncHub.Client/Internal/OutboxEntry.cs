using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>One row of the outbox.</summary>
internal sealed record OutboxEntry(
    long Sequence, string WorkspaceId, string MutationId, string Op, string Kind, string EntityId, string? ParentId,
    string? Body, long BaseVersion, DateTimeOffset CreatedAt, int Attempts, string? LastError,
    string? BaseParentId = null, string? BaseBody = null)
{
    /// <summary>What the edit was made on (the hub's copy, or the previous local edit), for the hub's merge; null when not known.</summary>
    public EntityContent? Base => BaseBody is null ? null : new EntityContent(BaseParentId, BaseBody);

    /// <summary>What the edit sets; null for a delete.</summary>
    public EntityContent? Content => Body is null || Op == MutationOps.Delete ? null : new EntityContent(ParentId, Body);

    public Mutation ToMutation() => new()
    {
        MutationId = MutationId,
        WorkspaceId = WorkspaceId,
        Op = Op,
        Kind = Kind,
        EntityId = EntityId,
        ParentId = ParentId,
        Body = Body,
        BaseVersion = BaseVersion,
        BaseParentId = Op == MutationOps.Update ? BaseParentId : null,
        BaseBody = Op == MutationOps.Update ? BaseBody : null,
    };

    public PendingChange ToPublic() =>
        new(Sequence, MutationId, Op, Kind, EntityId, ParentId, Body, BaseVersion, CreatedAt, Attempts, LastError);
}
