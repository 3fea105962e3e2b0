using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;

namespace SyncHub.Bench.Bare;

/// <summary>
/// The baseline: the same method names and messages as the SyncHub hub, but no accounts, no checks
/// and no store. Mutate only numbers the mutations and forwards them to the other devices of the
/// workspace, so the gap between this and the real hub is the cost of what the real hub adds.
/// </summary>
internal sealed class BareSyncHub(BareSequenceCounter sequences) : Hub
{
    private static readonly HubLimits Limits = new()
    {
        MaxBodyBytes = 1024 * 1024,
        MaxBatchSize = 100,
        MaxMessageBytes = BareHubTarget.MaxMessageBytes,
        MaxPageSize = 500,
    };

    public async Task<SubscribeResult> Subscribe(SubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var heads = new WorkspaceHead[request.Workspaces.Length];
        for (var i = 0; i < heads.Length; i++)
        {
            var workspaceId = request.Workspaces[i].WorkspaceId;
            await Groups.AddToGroupAsync(Context.ConnectionId, workspaceId).ConfigureAwait(false);
            heads[i] = new WorkspaceHead { WorkspaceId = workspaceId, HeadSeq = sequences.Head(workspaceId) };
        }
        return new SubscribeResult { DeviceId = Context.ConnectionId, Workspaces = heads, Limits = Limits };
    }

    public async Task<MutationResult[]> Mutate(Mutation[] mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        var results = new MutationResult[mutations.Length];
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = 0;
        while (start < mutations.Length)
        {
            // One push per run of mutations of the same workspace, as the real hub pushes per commit and workspace.
            var workspaceId = mutations[start].WorkspaceId;
            var end = start;
            while (end < mutations.Length && mutations[end].WorkspaceId == workspaceId) end++;
            var changes = new Change[end - start];
            for (var i = start; i < end; i++)
            {
                var m = mutations[i];
                var seq = sequences.Next(workspaceId);
                var version = m.Op == MutationOps.Create ? 1 : m.BaseVersion + 1;
                results[i] = MutationResult.Applied(m.MutationId, seq, version);
                changes[i - start] = new Change
                {
                    Seq = seq,
                    Op = m.Op,
                    Kind = m.Kind,
                    EntityId = m.EntityId,
                    ParentId = m.ParentId,
                    Body = m.Op == MutationOps.Delete ? null : m.Body,
                    Version = version,
                    MutationId = m.MutationId,
                    DeviceId = Context.ConnectionId,
                    Timestamp = timestamp,
                };
            }
            await Clients.OthersInGroup(workspaceId)
                .SendAsync(HubMethods.Changes, new ChangesPush { WorkspaceId = workspaceId, Changes = changes })
                .ConfigureAwait(false);
            start = end;
        }
        return results;
    }
}
