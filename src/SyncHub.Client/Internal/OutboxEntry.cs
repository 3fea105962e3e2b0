using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>One row of the outbox.</summary>
internal sealed record OutboxEntry(
    long Sequence, string WorkspaceId, string MutationId, string Op, string Kind, string EntityId, string? ParentId,
    string? Body, long BaseVersion, DateTimeOffset CreatedAt, int Attempts, string? LastError)
{
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
    };

    public PendingChange ToPublic() =>
        new(Sequence, MutationId, Op, Kind, EntityId, ParentId, Body, BaseVersion, CreatedAt, Attempts, LastError);
}
