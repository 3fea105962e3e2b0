using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// The Scratch Pad: a workspace of the profile that lives only here. Its rows sit in <c>entities</c> under
/// <see cref="SyncClient.ScratchPadId"/> so that every hierarchy rule and query works on it unchanged, but it never
/// gets an outbox entry, a cursor, a conflict or a failed change, and sign-out, reload and the hub's workspace list
/// never touch it (they skip its id).
/// </summary>
internal sealed partial class LocalStore
{
    private const string ScratchPadId = SyncClient.ScratchPadId;

    private static bool IsScratchPad(string workspaceId) => string.Equals(workspaceId, ScratchPadId, StringComparison.Ordinal);

    /// <summary>
    /// A delete in the Scratch Pad removes the rows for good, with everything below: there is no hub to cascade it and
    /// no refusal that could bring them back, so a tombstone would only linger.
    /// </summary>
    private static List<Change> DeleteScratchTree(SqliteConnection c, SqliteTransaction tx, EntityRow root)
    {
        var gone = new List<Change> { VisibleChange(root with { Deleted = true }, MutationOps.Delete) };
        DeleteEntity(c, tx, root.WorkspaceId, root.Id);
        foreach (var row in Descendants(c, tx, root.WorkspaceId, root.Id, serverTree: false))
        {
            DeleteEntity(c, tx, row.WorkspaceId, row.Id);
            if (row.IsLive) gone.Add(VisibleChange(row with { Deleted = true }, MutationOps.Delete));
        }
        return gone;
    }

    /// <summary>
    /// Moves everything in the Scratch Pad into <paramref name="workspaceId"/> in ONE transaction: copies under new ids
    /// (parents first, so the outbox sends them in an order the hub accepts), the same tree and ranks, the roots after the
    /// workspace's last root in their Scratch Pad order; each queued as a create; then the Scratch Pad is emptied.
    /// </summary>
    /// <returns>The creates in the workspace and the deletes in the Scratch Pad, for <see cref="EntitiesChangedEventArgs"/>.</returns>
    public (IReadOnlyList<Change> Created, IReadOnlyList<Change> Removed) MoveScratchPad(string workspaceId, DateTimeOffset now, HubLimits? limits) =>
        Write<(IReadOnlyList<Change>, IReadOnlyList<Change>)>((c, tx) =>
        {
            var rows = new List<EntityRow>();
            using (var command = Command(c, tx, $"SELECT {EntityColumns} FROM entities WHERE workspace_id = $ws AND deleted = 0 AND body IS NOT NULL",
                       ("$ws", ScratchPadId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(new EntityRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3),
                        NullableString(reader, 4), reader.GetBoolean(5), NullableString(reader, 6), NullableString(reader, 7),
                        reader.GetInt64(8), reader.GetBoolean(9)));
                }
            }
            if (rows.Count == 0) return ([], []);

            var children = rows.Where(r => r.ParentId is not null).GroupBy(r => r.ParentId!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var roots = rows.Where(r => r.ParentId is null)
                .OrderBy(r => RankedBody.ReadRank(r.Body), EntityRank.Comparer).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

            var newIds = new Dictionary<string, string>(rows.Count, StringComparer.Ordinal);
            var copies = new List<NewEntity>(rows.Count);
            var rootRank = LastRank(c, tx, workspaceId, null);
            var queue = new Queue<EntityRow>();
            foreach (var root in roots)
            {
                rootRank = EntityRank.After(rootRank);
                newIds[root.Id] = EntityIds.New();
                copies.Add(new NewEntity(newIds[root.Id], root.Kind, null, RankedBody.WithRank(root.Body!, rootRank)));
                queue.Enqueue(root);
            }
            while (queue.TryDequeue(out var parent))
            {
                if (!children.TryGetValue(parent.Id, out var below)) continue;
                foreach (var row in below)
                {
                    if (newIds.ContainsKey(row.Id)) continue;
                    newIds[row.Id] = EntityIds.New();
                    // Ranks are kept as they are: they order the entity among its siblings, which move with it.
                    copies.Add(new NewEntity(newIds[row.Id], row.Kind, newIds[parent.Id], row.Body!));
                    queue.Enqueue(row);
                }
            }
            if (copies.Count != rows.Count)
            {
                // Only a damaged file can hold a row whose parent is missing; moving the rest would lose it silently.
                var orphan = rows.First(r => !newIds.ContainsKey(r.Id));
                throw new SyncException(ErrorCodes.InvalidParent,
                    $"The Scratch Pad's {orphan.Kind} '{orphan.Id}' stands under '{orphan.ParentId}', which is not in the Scratch Pad; nothing was moved. Move or delete it first.");
            }

            var created = CreateManyIn(c, tx, workspaceId, copies, now, limits);
            Execute(c, tx, "DELETE FROM entities WHERE workspace_id = $ws", ("$ws", ScratchPadId));
            var removed = rows.Select(r => VisibleChange(r with { Deleted = true }, MutationOps.Delete)).ToList();
            return (created, removed);
        });
}
