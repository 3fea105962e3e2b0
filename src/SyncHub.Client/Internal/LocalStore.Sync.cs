using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>What the hub tells the device: remote changes (pages and pushes) and the results of its own mutations.</summary>
internal sealed partial class LocalStore
{
    public long GetCursor(string workspaceId) => Read(c => ReadCursor(c, null, workspaceId));

    /// <summary>
    /// Applies the changes that continue the stored cursor, in seq order, and moves the cursor, in one transaction.
    /// Changes at or below the cursor are duplicates; the first gap stops the run. <paramref name="ownSeqs"/> are seqs
    /// of this device's own acknowledged mutations, already applied from their results, which the cursor may step over.
    /// Changes made by <paramref name="ownDeviceId"/> are applied but not told to the app, which shows them already.
    /// </summary>
    public RemoteApplyOutcome ApplyRemote(string workspaceId, IEnumerable<Change> changes, IReadOnlySet<long> ownSeqs,
        string? ownDeviceId = null) => Write((c, tx) =>
    {
        var cursor = SkipOwn(ReadCursor(c, tx, workspaceId), ownSeqs);
        // Almost always none: then no step of the run below looks for them.
        var ownDeletesAhead = Scalar(c, tx, "SELECT EXISTS(SELECT 1 FROM own_deletes_ahead WHERE workspace_id = $ws)", ("$ws", workspaceId)) is 1L;
        if (ownDeletesAhead) CascadeOwnDeletesPassed(c, tx, workspaceId, cursor);
        var applied = new List<Change>();
        var visible = new List<Change>();
        foreach (var change in changes.OrderBy(ch => ch.Seq))
        {
            if (change.Seq <= cursor)
            {
                // This device's delete, acknowledged from its answer, which marked only the descendants known then as gone
                // on the hub. The hub cascaded it over what it held, which may include entities this same catch-up brought
                // in below the delete's seq (hidden here under the delete): they are gone on the hub too, and must not show
                // again if the deleted container comes back.
                if (ownSeqs.Contains(change.Seq)) ApplyCascade(c, tx, workspaceId, change, []);
                continue;
            }
            if (change.Seq != cursor + 1) break;
            var shown = ApplyRemoteChange(c, tx, workspaceId, change);
            applied.Add(change);
            // A change of this device comes back when its answer was lost with the connection (the mutation is still in
            // the outbox; the resend gets the hub's stored answer, which settles it) or when the answer came but the
            // seqs noted ahead of the cursor went with the connection. The app shows that edit already, so it is not
            // told as someone else's.
            var own = (ownDeviceId is not null && change.DeviceId == ownDeviceId) || OutboxContains(c, tx, change.MutationId);
            List<Change> told = own ? [] : visible;
            if (!own) visible.Add(change);
            // A remote move takes a container out from below something deleted here, or puts it there: what is below it
            // shows again with it, or is hidden with it (the hub cascades this device's delete over it).
            if (shown == true) ShowDescendants(c, tx, workspaceId, change.EntityId, told);
            else if (shown == false) told.AddRange(HideDescendants(c, tx, workspaceId, change.EntityId));
            ApplyCascade(c, tx, workspaceId, change, told);
            cursor = SkipOwn(change.Seq, ownSeqs);
            // Before the next change: it may restore the deleted entity, and what the delete took must stay gone.
            if (ownDeletesAhead) CascadeOwnDeletesPassed(c, tx, workspaceId, cursor);
        }
        WriteCursor(c, tx, workspaceId, cursor);
        return new RemoteApplyOutcome(applied, cursor, visible);
    });

    /// <summary>Applies the hub's answers to sent outbox entries, in outbox order, in one transaction.</summary>
    public ResultsOutcome ApplyResults(string workspaceId, IReadOnlyList<(OutboxEntry Entry, MutationResult Result)> results,
        HashSet<long> ownSeqs, DateTimeOffset now) => Write((c, tx) =>
    {
        var cursor = SkipOwn(ReadCursor(c, tx, workspaceId), ownSeqs);
        int applied = 0, conflicts = 0, failed = 0, transient = 0;
        var visible = new List<Change>();
        var newConflicts = new List<ConflictRecord>();
        foreach (var (entry, result) in results.OrderBy(r => r.Entry.Sequence))
        {
            // Another process sharing this profile may have handled the entry already.
            if (!OutboxContains(c, tx, entry.MutationId)) continue;
            switch (result.Status)
            {
                case MutationStatuses.Applied:
                    ApplyAck(c, tx, entry, result, cursor, visible);
                    applied++;
                    if (result.Seq == cursor + 1) cursor = SkipOwn(result.Seq, ownSeqs);
                    else if (result.Seq > cursor) ownSeqs.Add(result.Seq);
                    break;

                case MutationStatuses.Conflict:
                    newConflicts.Add(RecordConflict(c, tx, entry, result, now));
                    if (MakeVisible(c, tx, entry, result.Current) is { } shown) visible.Add(shown);
                    // The entity shows theirs now; what its delete hid comes back, also when the delete was folded into a
                    // conflict of an earlier edit (then entry is that edit, not the delete).
                    if (result.Current is not { Deleted: true } && EntityValidator.AllowedChildren(entry.Kind).Count > 0)
                        ShowDescendants(c, tx, workspaceId, entry.EntityId, visible);
                    conflicts++;
                    break;

                case MutationStatuses.Rejected when !ErrorCodes.IsTransient(result.Code):
                    RemoveOutbox(c, tx, entry.MutationId);
                    InsertFailed(c, tx, entry, result.Code ?? ErrorCodes.InvalidRequest, result.Message ?? "The hub refused this change.", now);
                    if (entry.Op == MutationOps.Create) failed += FailEditsOfRefusedCreate(c, tx, entry, result, now);
                    if (!HasPending(c, tx, workspaceId, entry.EntityId)) RestoreWithDescendants(c, tx, workspaceId, entry.EntityId, visible);
                    if (entry.Op == MutationOps.Delete && EntityValidator.AllowedChildren(entry.Kind).Count > 0) ShowDescendants(c, tx, workspaceId, entry.EntityId, visible);
                    failed++;
                    break;

                default:
                    // Transient (unavailable, timeout, rate_limited) or a status this client does not know: keep and resend the same mutationId.
                    Execute(c, tx, "UPDATE outbox SET attempts = attempts + 1, last_error = $err WHERE mutation_id = $mid",
                        ("$err", $"{result.Code ?? result.Status}: {result.Message}"), ("$mid", entry.MutationId));
                    transient++;
                    break;
            }
        }
        // Answers bring no one else's changes, so the deletes the cursor passed are settled once, at the end.
        CascadeOwnDeletesPassed(c, tx, workspaceId, cursor);
        WriteCursor(c, tx, workspaceId, cursor);
        return new ResultsOutcome(applied, conflicts, failed, transient, cursor, visible, newConflicts);
    });

    // Later edits of an entity whose create the hub refused stand on nothing the hub has: sent, they would only be
    // refused as malformed (an update of version 0). They fail with the create's reason instead, kept in the failed list.
    private static int FailEditsOfRefusedCreate(SqliteConnection c, SqliteTransaction tx, OutboxEntry create, MutationResult result, DateTimeOffset now)
    {
        var later = LaterEdits(c, tx, create.WorkspaceId, create.EntityId, create.Sequence);
        foreach (var entry in later)
        {
            RemoveOutbox(c, tx, entry.MutationId);
            InsertFailed(c, tx, entry, result.Code ?? ErrorCodes.InvalidRequest,
                $"Made on top of the create of this {create.Kind}, which the hub refused: {result.Message}", now);
        }
        return later.Count;
    }

    /// <summary>
    /// The cursor passed this device's own deletes that were acknowledged ahead of it: the changes before each have all
    /// been applied now, so the hub's tree as known here is the one the hub cascaded the delete over.
    /// </summary>
    /// <remarks>
    /// The answer to a delete can come before pushes of earlier changes (the hub answers a commit before it has published
    /// the one before): another device's request created in the collection just before this device deleted it arrives
    /// after the answer, is hidden below the delete, and would come back if the collection were restored later (the
    /// random schedule of seed 20261213). The delete's own change never reaches this device to say so: the cursor steps
    /// over it. A delete whose entity the hub has shown again since (an answer further ahead) is left alone.
    /// </remarks>
    private static void CascadeOwnDeletesPassed(SqliteConnection c, SqliteTransaction tx, string workspaceId, long cursor)
    {
        var roots = new List<string>();
        using (var command = Command(c, tx, "SELECT entity_id FROM own_deletes_ahead WHERE workspace_id = $ws AND seq <= $seq ORDER BY seq",
                   ("$ws", workspaceId), ("$seq", cursor)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) roots.Add(reader.GetString(0));
        }
        if (roots.Count == 0) return;
        foreach (var root in roots)
        {
            if (LoadEntity(c, tx, workspaceId, root) is { ServerDeleted: true }) MarkDescendantsDeletedOnHub(c, tx, workspaceId, root);
        }
        Execute(c, tx, "DELETE FROM own_deletes_ahead WHERE workspace_id = $ws AND seq <= $seq", ("$ws", workspaceId), ("$seq", cursor));
    }

    /// <summary>Forgets every synced copy except entities with pending edits, and sets the cursor to 0.</summary>
    public void ResetForReload(string workspaceId) => Write((c, tx) =>
    {
        Execute(c, tx, "DELETE FROM own_deletes_ahead WHERE workspace_id = $ws", ("$ws", workspaceId));
        Execute(c, tx, """
            DELETE FROM entities WHERE workspace_id = $ws
              AND NOT EXISTS(SELECT 1 FROM outbox o WHERE o.workspace_id = entities.workspace_id AND o.entity_id = entities.id)
            """, ("$ws", workspaceId));
        WriteCursor(c, tx, workspaceId, 0);
    });

    /// <summary>Records an acknowledged entry.</summary>
    /// <remarks>
    /// Adds to <paramref name="visible"/> when what the user sees changed: the hub merged the edit with newer changes, or
    /// the visible copy had to catch up with a newer remote change.
    /// </remarks>
    private static void ApplyAck(SqliteConnection c, SqliteTransaction tx, OutboxEntry entry, MutationResult result, long cursor, List<Change> visible)
    {
        RemoveOutbox(c, tx, entry.MutationId);
        var deleted = entry.Op == MutationOps.Delete;
        var merged = result.Merged && result.Body is not null && !deleted;
        var stored = merged ? new EntityContent(result.ParentId, result.Body!) : entry.Content;

        // Later edits of this entity were made on top of this one: they now stand on the version it produced. When the
        // hub merged this one, they are rebased onto what it stored, so that the other side's fields survive them too.
        EntityContent? rebasedLatest = null;
        if (merged) rebasedLatest = RebaseLaterEdits(c, tx, entry, stored!, result.Version);
        else
        {
            Execute(c, tx, """
                UPDATE outbox SET base_version = $v
                WHERE workspace_id = $ws AND entity_id = $eid AND seq > $seq AND base_version = $b
                """,
                ("$v", result.Version), ("$ws", entry.WorkspaceId), ("$eid", entry.EntityId), ("$seq", entry.Sequence), ("$b", entry.BaseVersion));
        }

        var row = LoadEntity(c, tx, entry.WorkspaceId, entry.EntityId);
        var pending = HasPending(c, tx, entry.WorkspaceId, entry.EntityId);
        if (row is not null && !deleted && result.Seq <= cursor && row.ServerVersion < result.Version)
        {
            // The cursor is past this change, yet the hub copy here is older than it: the copy came from a snapshot taken
            // after the change (an ack lost, the mutation resent), and the entity was not in it, so the hub has deleted it
            // since. The snapshot said nothing of the delete, and the cursor will never bring it: take it from here.
            var gone = row with { ServerParentId = entry.ParentId, ServerBody = null, ServerVersion = result.Version, ServerDeleted = true };
            UpsertEntity(c, tx, pending ? gone : gone with { Deleted = true });
            if (!pending) visible.Add(VisibleChange(gone with { Deleted = true }, MutationOps.Delete));
            return;
        }
        if (row is not null && row.ServerVersion > result.Version)
        {
            // A newer remote change is already here (the ack of a resend came after catch-up brought what others did
            // since): while this entry was pending it kept the local copy; with nothing pending, show the hub's copy.
            if (!pending) RestoreWithDescendants(c, tx, entry.WorkspaceId, entry.EntityId, visible);
            return;
        }
        var server = (row ?? new EntityRow(entry.WorkspaceId, entry.EntityId, entry.Kind, entry.ParentId, entry.Body, deleted, null, null, 0, false)) with
        {
            ServerParentId = deleted ? entry.ParentId : stored!.ParentId,
            ServerBody = stored?.Body,
            ServerVersion = result.Version,
            ServerDeleted = deleted,
        };
        if (!pending)
        {
            server = server with
            {
                ParentId = server.ServerParentId,
                Body = deleted ? row?.Body : stored!.Body,
                Deleted = deleted || UnderDeletedAncestor(c, tx, entry.WorkspaceId, server.ServerParentId),
            };
        }
        else if (rebasedLatest is not null) server = server with { ParentId = rebasedLatest.ParentId, Body = rebasedLatest.Body };
        UpsertEntity(c, tx, server);
        if (deleted && EntityValidator.AllowedChildren(entry.Kind).Count > 0)
        {
            MarkDescendantsDeletedOnHub(c, tx, entry.WorkspaceId, entry.EntityId);
            // Changes before this delete that the device has not seen yet may put more below it, which the hub cascaded
            // too; they are marked when the cursor passes the delete (see CascadeOwnDeletesPassed).
            if (result.Seq > cursor + 1)
                Execute(c, tx, "INSERT OR REPLACE INTO own_deletes_ahead(workspace_id, seq, entity_id) VALUES ($ws, $seq, $id)",
                    ("$ws", entry.WorkspaceId), ("$seq", result.Seq), ("$id", entry.EntityId));
        }
        // The hub merged this edit with another device's move: the container may now stand out from below something
        // deleted here (shown again, with what was hidden under it only for that reason), or below it (hidden with all
        // it holds, which the hub cascades with this device's delete). The random schedule of seed 20261236 left a
        // request hidden that the hub kept: its folder came back through this answer, the request did not.
        var containerFlipped = !deleted && !pending && row is not null && row.Deleted != server.Deleted && EntityValidator.AllowedChildren(server.Kind).Count > 0;
        if (containerFlipped && !server.Deleted)
        {
            visible.Add(VisibleChange(server, MutationOps.Update, result.Seq, entry.MutationId));
            ShowDescendants(c, tx, entry.WorkspaceId, entry.EntityId, visible);
        }
        else if (containerFlipped)
        {
            visible.Add(VisibleChange(server, MutationOps.Delete, result.Seq, entry.MutationId));
            visible.AddRange(HideDescendants(c, tx, entry.WorkspaceId, entry.EntityId));
        }
        else if (merged && row is not null && (row.Body != server.Body || row.ParentId != server.ParentId))
            visible.Add(VisibleChange(server, MutationOps.Update, result.Seq, entry.MutationId));
    }

    /// <summary>
    /// Merges each later pending edit of the entity onto <paramref name="stored"/> (the hub's merge of the edit before it),
    /// in order. Stops at the first that conflicts: it keeps its old base, so the hub answers it with the conflict.
    /// </summary>
    /// <returns>The content the last rebased edit now sets, or null when none was rebased.</returns>
    private static EntityContent? RebaseLaterEdits(SqliteConnection c, SqliteTransaction tx, OutboxEntry entry, EntityContent stored, long version)
    {
        EntityContent? latest = null;
        var theirs = stored;
        foreach (var later in LaterEdits(c, tx, entry.WorkspaceId, entry.EntityId, entry.Sequence))
        {
            if (later.BaseVersion != entry.BaseVersion) break;
            if (later.Op == MutationOps.Delete)
            {
                Execute(c, tx, "UPDATE outbox SET base_version = $v WHERE mutation_id = $mid", ("$v", version), ("$mid", later.MutationId));
                break;
            }
            if (later.Base is not { } laterBase || later.Content is not { } mine) break;
            var rebased = EntityMerge.Merge(laterBase, mine, theirs);
            if (!rebased.IsMerged) break;
            var content = new EntityContent(rebased.ParentId, rebased.Body!);
            Execute(c, tx, """
                UPDATE outbox SET base_version = $v, parent_id = $parent, body = $body, base_parent_id = $bparent, base_body = $bbody
                WHERE mutation_id = $mid
                """,
                ("$v", version), ("$parent", content.ParentId), ("$body", content.Body), ("$bparent", theirs.ParentId),
                ("$bbody", theirs.Body), ("$mid", later.MutationId));
            latest = content;
            theirs = content;
        }
        return latest;
    }

    private static Change? MakeVisible(SqliteConnection c, SqliteTransaction tx, OutboxEntry entry, EntityState? current)
    {
        if (current is null) return RestoreServerCopy(c, tx, entry.WorkspaceId, entry.EntityId);
        var row = LoadEntity(c, tx, entry.WorkspaceId, entry.EntityId);
        var hub = new EntityRow(entry.WorkspaceId, entry.EntityId, current.Kind.Length > 0 ? current.Kind : entry.Kind,
            current.ParentId, current.Body ?? row?.Body, current.Deleted, current.ParentId, current.Body, current.Version, current.Deleted);
        UpsertEntity(c, tx, hub);
        return VisibleChange(hub, current.Deleted ? MutationOps.Delete : MutationOps.Update);
    }

    /// <returns>
    /// True when a container that was hidden here shows now, false when a container that showed is hidden now (a remote
    /// move took it from below a local delete, or put it there), null otherwise.
    /// </returns>
    private static bool? ApplyRemoteChange(SqliteConnection c, SqliteTransaction tx, string workspaceId, Change change)
    {
        var row = LoadEntity(c, tx, workspaceId, change.EntityId);
        if (row is not null && change.Version < row.ServerVersion) return null; // our own newer ack got here first
        var deleted = change.Op == MutationOps.Delete;
        var body = deleted ? row?.ServerBody ?? row?.Body : change.Body;
        // Below an entity this device deleted (its delete not yet answered), the entity stays hidden: the hub cascades it.
        var hidden = deleted || UnderDeletedAncestor(c, tx, workspaceId, change.ParentId);
        if (row is null)
        {
            UpsertEntity(c, tx, new EntityRow(workspaceId, change.EntityId, change.Kind, change.ParentId, body, hidden,
                change.ParentId, deleted ? null : change.Body, change.Version, deleted));
            return null;
        }
        var server = row with
        {
            ServerParentId = change.ParentId,
            ServerBody = deleted ? null : change.Body,
            ServerVersion = change.Version,
            ServerDeleted = deleted,
        };
        // With edits pending, what the user sees stays their edit; the hub answers conflict if the two clash.
        if (!HasPending(c, tx, workspaceId, change.EntityId))
            server = server with { Kind = change.Kind.Length > 0 ? change.Kind : row.Kind, ParentId = change.ParentId, Body = body, Deleted = hidden };
        UpsertEntity(c, tx, server);
        if (deleted || row.Deleted == server.Deleted || EntityValidator.AllowedChildren(server.Kind).Count == 0) return null;
        return !server.Deleted;
    }

    /// <summary>A cascaded delete is applied whole, in the caller's transaction, and told as one delete per descendant.</summary>
    private static void ApplyCascade(SqliteConnection c, SqliteTransaction tx, string workspaceId, Change change, List<Change> told)
    {
        foreach (var d in change.Cascade ?? [])
        {
            if (d is null) continue;
            var descendant = new Change
            {
                Seq = change.Seq, Op = MutationOps.Delete, Kind = d.Kind, EntityId = d.EntityId, ParentId = d.ParentId,
                Version = d.Version, MutationId = change.MutationId, DeviceId = change.DeviceId, Timestamp = change.Timestamp,
            };
            ApplyRemoteChange(c, tx, workspaceId, descendant);
            told.Add(descendant);
        }
    }

    private static bool OutboxContains(SqliteConnection c, SqliteTransaction tx, string mutationId) =>
        Scalar(c, tx, "SELECT EXISTS(SELECT 1 FROM outbox WHERE mutation_id = $mid)", ("$mid", mutationId)) is long n && n != 0;

    private static void RemoveOutbox(SqliteConnection c, SqliteTransaction tx, string mutationId) =>
        Execute(c, tx, "DELETE FROM outbox WHERE mutation_id = $mid", ("$mid", mutationId));

    private static long ReadCursor(SqliteConnection c, SqliteTransaction? tx, string workspaceId) =>
        Scalar(c, tx, "SELECT seq FROM cursors WHERE workspace_id = $ws", ("$ws", workspaceId)) as long? ?? 0;

    private static void WriteCursor(SqliteConnection c, SqliteTransaction tx, string workspaceId, long cursor) =>
        Execute(c, tx, "INSERT INTO cursors(workspace_id, seq) VALUES ($ws, $seq) ON CONFLICT(workspace_id) DO UPDATE SET seq = excluded.seq",
            ("$ws", workspaceId), ("$seq", cursor));

    private static long SkipOwn(long cursor, IReadOnlySet<long> ownSeqs)
    {
        while (ownSeqs.Contains(cursor + 1)) cursor++;
        return cursor;
    }
}
