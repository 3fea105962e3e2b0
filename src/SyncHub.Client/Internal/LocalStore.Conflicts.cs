using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// Conflicts: recorded from the hub's answer (with the later pending edits of the entity folded in), listed, and resolved
/// into a new outbox entry, each in one transaction with the outbox.
/// </summary>
internal sealed partial class LocalStore
{
    private const string ConflictColumns = """
        id, mutation_id, entity_id, kind, mine_body, base_version, has_theirs, theirs_kind, theirs_parent_id,
        theirs_body, theirs_version, theirs_deleted, at, mine_parent_id, base_parent_id, base_body, conflicting_fields
        """;

    public IReadOnlyList<ConflictRecord> GetConflicts(string workspaceId) => Read(c =>
    {
        using var command = Command(c, null, $"SELECT {ConflictColumns} FROM conflicts WHERE workspace_id = $ws ORDER BY id", ("$ws", workspaceId));
        return ReadConflicts(command);
    });

    public ConflictRecord? GetConflict(string workspaceId, long id) => Read(c => LoadConflict(c, null, workspaceId, id));

    /// <summary>
    /// Settles a conflict: keep theirs drops it; keep mine and merged queue the edit that makes the hub hold it (an update
    /// on the entity as shown, a delete, or a restore of a deleted entity). Throws <c>not_found</c> for a conflict that
    /// is not (or no longer) there; a refused edit leaves the conflict in place.
    /// </summary>
    /// <returns>The visible change, or null when what the user sees stays the same.</returns>
    public Change? ResolveConflict(string workspaceId, long conflictId, ConflictResolution resolution, string mutationId, DateTimeOffset now, HubLimits? limits) =>
        Write((c, tx) =>
        {
            var conflict = LoadConflict(c, tx, workspaceId, conflictId)
                ?? throw new SyncException(ErrorCodes.NotFound, $"There is no conflict {conflictId} in this workspace (it may have been resolved already).");
            Execute(c, tx, "DELETE FROM conflicts WHERE workspace_id = $ws AND id = $id", ("$ws", workspaceId), ("$id", conflictId));
            if (resolution.Kind == ConflictResolutionKind.KeepTheirs) return null;

            var row = LoadEntity(c, tx, workspaceId, conflict.EntityId)
                ?? throw new SyncException(ErrorCodes.NotFound,
                    $"The {conflict.Kind} '{conflict.EntityId}' is not in the local copy right now (a reload is under way?); sync, then resolve again.");

            if (resolution.Kind == ConflictResolutionKind.KeepMine && conflict.Mine is null)
            {
                // Mine was a delete: delete what the hub has now (nothing to do if it is gone already).
                return row.IsLive ? Edit(c, tx, row with { Deleted = true }, MutationOps.Delete, mutationId, now) : null;
            }

            EntityContent wanted;
            if (resolution.Kind == ConflictResolutionKind.Merged)
                wanted = new EntityContent(row.IsLive ? row.ParentId : conflict.Mine?.ParentId ?? row.ParentId, resolution.Body!);
            else if (!row.IsLive || conflict.Base is null)
                wanted = conflict.Mine!;
            else
                // Mine wins the conflicting fields; what the other side (or a later edit here) changed elsewhere stays.
                wanted = EntityMerge.Resolve(conflict.Base, conflict.Mine!, new EntityContent(row.ParentId, row.Body!), MergeSide.Mine);

            CheckBody(row.Kind, wanted.Body, limits);
            if (!row.IsLive || !string.Equals(wanted.ParentId, row.ParentId, StringComparison.Ordinal))
                CheckParent(c, tx, workspaceId, row.Kind, wanted.ParentId, selfId: row.Id);
            // On a deleted entity this is the restore: an update on the tombstone's version, which the hub takes as one.
            return Edit(c, tx, row with { ParentId = wanted.ParentId, Body = wanted.Body, Deleted = false }, MutationOps.Update, mutationId, now);
        });

    /// <summary>
    /// Moves a conflicting outbox entry to the conflicts, with the later pending edits of the same entity folded in: they
    /// were made on top of it, so mine is the latest of them and they leave the outbox with it (none is lost or sent on
    /// a version it was not made on).
    /// </summary>
    private static ConflictRecord RecordConflict(SqliteConnection c, SqliteTransaction tx, OutboxEntry entry, MutationResult result, DateTimeOffset now)
    {
        RemoveOutbox(c, tx, entry.MutationId);
        var later = LaterEdits(c, tx, entry.WorkspaceId, entry.EntityId, entry.Sequence);
        foreach (var folded in later) RemoveOutbox(c, tx, folded.MutationId);
        var latest = later.Count > 0 ? later[^1] : entry;
        var mine = latest.Content;
        var theirs = result.Current;

        IReadOnlyList<string> fields = later.Count == 0 && result.ConflictingFields is { } named ? named : [];
        if (fields.Count == 0 && entry.Base is { } b && mine is not null && theirs is { Deleted: false, Body: not null })
        {
            try
            {
                fields = EntityMerge.Merge(b, mine, new EntityContent(theirs.ParentId, theirs.Body)).ConflictingFields;
            }
            catch (ArgumentException)
            {
                // A body that is not an object cannot be compared field by field; the conflict stands without names.
            }
        }

        var at = ToUnixMs(now);
        Execute(c, tx, """
            INSERT INTO conflicts(workspace_id, mutation_id, entity_id, kind, mine_body, base_version, has_theirs,
                theirs_kind, theirs_parent_id, theirs_body, theirs_version, theirs_deleted, at,
                mine_parent_id, base_parent_id, base_body, conflicting_fields)
            VALUES ($ws, $mid, $eid, $kind, $mine, $base, $has, $tkind, $tparent, $tbody, $tversion, $tdeleted, $at,
                $mparent, $bparent, $bbody, $fields)
            """,
            ("$ws", entry.WorkspaceId), ("$mid", entry.MutationId), ("$eid", entry.EntityId), ("$kind", entry.Kind),
            ("$mine", mine?.Body), ("$base", entry.BaseVersion), ("$has", theirs is not null), ("$tkind", theirs?.Kind),
            ("$tparent", theirs?.ParentId), ("$tbody", theirs?.Body), ("$tversion", theirs?.Version ?? 0),
            ("$tdeleted", theirs?.Deleted ?? false), ("$at", at), ("$mparent", mine?.ParentId),
            ("$bparent", entry.Base?.ParentId), ("$bbody", entry.Base?.Body),
            ("$fields", fields.Count == 0 ? null : JsonSerializer.Serialize(fields)));
        var id = (long)Scalar(c, tx, "SELECT last_insert_rowid()")!;
        return LoadConflict(c, tx, entry.WorkspaceId, id)!;
    }

    private static ConflictRecord? LoadConflict(SqliteConnection c, SqliteTransaction? tx, string workspaceId, long id)
    {
        using var command = Command(c, tx, $"SELECT {ConflictColumns} FROM conflicts WHERE workspace_id = $ws AND id = $id", ("$ws", workspaceId), ("$id", id));
        return ReadConflicts(command).FirstOrDefault();
    }

    private static List<ConflictRecord> ReadConflicts(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<ConflictRecord>();
        while (reader.Read())
        {
            var entityId = reader.GetString(2);
            var theirs = reader.GetBoolean(6)
                ? new EntityState
                {
                    EntityId = entityId,
                    Kind = NullableString(reader, 7) ?? reader.GetString(3),
                    ParentId = NullableString(reader, 8),
                    Body = NullableString(reader, 9),
                    Version = reader.GetInt64(10),
                    Deleted = reader.GetBoolean(11),
                }
                : null;
            var mineBody = NullableString(reader, 4);
            var baseBody = NullableString(reader, 15);
            var fields = NullableString(reader, 16);
            list.Add(new ConflictRecord(reader.GetString(1), entityId, reader.GetString(3), mineBody, theirs, reader.GetInt64(5), FromUnixMs(reader.GetInt64(12)))
            {
                Id = reader.GetInt64(0),
                Mine = mineBody is null ? null : new EntityContent(NullableString(reader, 13), mineBody),
                Base = baseBody is null ? null : new EntityContent(NullableString(reader, 14), baseBody),
                ConflictingFields = fields is null ? [] : JsonSerializer.Deserialize<string[]>(fields) ?? [],
            });
        }
        return list;
    }
}
