using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Client.TestSupport;

/// <summary>
/// A workspace as the hub's change log says it is: every change from seq 1 replayed. Gives the live entities and the
/// mutation ids the hub applied, so a test can compare devices with the hub and find every edit that landed.
/// </summary>
public sealed class HubState
{
    private HubState(IReadOnlyDictionary<string, EntityState> entities, IReadOnlySet<string> appliedMutations, long headSeq)
    {
        Entities = entities;
        AppliedMutations = appliedMutations;
        HeadSeq = headSeq;
    }

    /// <summary>Live entities by id.</summary>
    public IReadOnlyDictionary<string, EntityState> Entities { get; }

    /// <summary>The mutation id of every stored change.</summary>
    public IReadOnlySet<string> AppliedMutations { get; }

    public long HeadSeq { get; }

    /// <summary>Reads the whole change log of <paramref name="workspaceId"/> through GetChanges, as a device would.</summary>
    public static async Task<HubState> ReadAsync(HubConnection connection, string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var entities = new Dictionary<string, EntityState>(StringComparer.Ordinal);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        long cursor = 0;
        while (true)
        {
            var page = await connection.InvokeAsync<ChangePage>(HubMethods.GetChanges, workspaceId, cursor, 500).WaitAsync(TestTimeouts.Default);
            foreach (var change in page.Changes)
            {
                if (change.Seq != cursor + 1)
                    throw new InvalidOperationException($"The change log of {workspaceId} has a gap: seq {change.Seq} after {cursor}.");
                cursor = change.Seq;
                applied.Add(change.MutationId);
                if (change.Op == MutationOps.Delete)
                {
                    entities.Remove(change.EntityId);
                    foreach (var descendant in change.Cascade ?? [])
                    {
                        entities.Remove(descendant.EntityId);
                    }
                }
                else
                {
                    entities[change.EntityId] = new EntityState
                    {
                        EntityId = change.EntityId,
                        Kind = change.Kind,
                        ParentId = change.ParentId,
                        Body = change.Body,
                        Version = change.Version,
                    };
                }
            }
            if (!page.HasMore || page.Changes.Length == 0) return new HubState(entities, applied, cursor);
        }
    }
}
