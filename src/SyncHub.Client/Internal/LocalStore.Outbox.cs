using Microsoft.Data.Sqlite;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

internal sealed partial class LocalStore
{
    private const string OutboxColumns =
        "seq, workspace_id, mutation_id, op, kind, entity_id, parent_id, body, base_version, created_at, attempts, last_error, base_parent_id, base_body";

    public IReadOnlyList<OutboxEntry> PeekOutbox(string workspaceId, int limit) => Read(c =>
    {
        using var command = Command(c, null, $"SELECT {OutboxColumns} FROM outbox WHERE workspace_id = $ws ORDER BY seq LIMIT $n",
            ("$ws", workspaceId), ("$n", limit));
        return ReadOutbox(command);
    });

    /// <summary>The pending edits of one entity after outbox entry <paramref name="afterSequence"/>, oldest first.</summary>
    private static List<OutboxEntry> LaterEdits(SqliteConnection c, SqliteTransaction tx, string workspaceId, string entityId, long afterSequence)
    {
        using var command = Command(c, tx, $"SELECT {OutboxColumns} FROM outbox WHERE workspace_id = $ws AND entity_id = $eid AND seq > $seq ORDER BY seq",
            ("$ws", workspaceId), ("$eid", entityId), ("$seq", afterSequence));
        return ReadOutbox(command);
    }

    private static List<OutboxEntry> ReadOutbox(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<OutboxEntry>();
        while (reader.Read())
        {
            list.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), NullableString(reader, 6), NullableString(reader, 7),
                reader.GetInt64(8), FromUnixMs(reader.GetInt64(9)), reader.GetInt32(10), NullableString(reader, 11),
                NullableString(reader, 12), NullableString(reader, 13)));
        }
        return list;
    }

    public IReadOnlyList<PendingChange> GetOutbox(string workspaceId) =>
        [.. PeekOutbox(workspaceId, int.MaxValue).Select(e => e.ToPublic())];

    public LocalCounts GetCounts(string workspaceId) => Read(c =>
    {
        using var command = Command(c, null, """
            SELECT (SELECT COUNT(*) FROM outbox WHERE workspace_id = $ws),
                   (SELECT MIN(created_at) FROM outbox WHERE workspace_id = $ws),
                   (SELECT COUNT(*) FROM conflicts WHERE workspace_id = $ws),
                   (SELECT COUNT(*) FROM failed WHERE workspace_id = $ws)
            """, ("$ws", workspaceId));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new LocalCounts(reader.GetInt32(0), reader.GetInt32(2), reader.GetInt32(3),
            reader.IsDBNull(1) ? null : FromUnixMs(reader.GetInt64(1)));
    });

    /// <summary>Counts a send attempt that got no answer (timeout, lost connection, refused batch) for each entry.</summary>
    public void MarkAttempt(IEnumerable<string> mutationIds, string error) => Write((c, tx) =>
    {
        foreach (var id in mutationIds)
        {
            Execute(c, tx, "UPDATE outbox SET attempts = attempts + 1, last_error = $err WHERE mutation_id = $mid",
                ("$err", error), ("$mid", id));
        }
    });

    public IReadOnlyList<FailedChange> GetFailedChanges(string workspaceId) => Read(c =>
    {
        using var command = Command(c, null,
            "SELECT mutation_id, entity_id, kind, op, body, code, message, at FROM failed WHERE workspace_id = $ws ORDER BY id",
            ("$ws", workspaceId));
        using var reader = command.ExecuteReader();
        var list = new List<FailedChange>();
        while (reader.Read())
        {
            list.Add(new FailedChange(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                NullableString(reader, 4), reader.GetString(5), reader.GetString(6), FromUnixMs(reader.GetInt64(7))));
        }
        return list;
    });

    private static void InsertFailed(SqliteConnection c, SqliteTransaction tx, OutboxEntry entry, string code, string message, DateTimeOffset now) =>
        Execute(c, tx, """
            INSERT INTO failed(workspace_id, mutation_id, entity_id, kind, op, body, code, message, at)
            VALUES ($ws, $mid, $eid, $kind, $op, $body, $code, $msg, $at)
            """,
            ("$ws", entry.WorkspaceId), ("$mid", entry.MutationId), ("$eid", entry.EntityId), ("$kind", entry.Kind),
            ("$op", entry.Op), ("$body", entry.Body), ("$code", code), ("$msg", message), ("$at", ToUnixMs(now)));
}
