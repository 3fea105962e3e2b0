using System.Text.Json;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>The account's workspaces as last heard from the hub, the active one, and dropping one that is gone.</summary>
internal sealed partial class LocalStore
{
    private const string WorkspacesKey = "workspaces";
    private const string ActiveWorkspaceKey = "active_workspace";
    private static readonly JsonSerializerOptions WorkspacesJson = new(JsonSerializerDefaults.Web);

    private readonly Lock _workspaceListLock = new();
    private long _workspaceListStamp;

    /// <summary>Counts the saves of the list in this process: the engine reads it before it asks the hub for the list.</summary>
    public long WorkspaceListStamp
    {
        get
        {
            lock (_workspaceListLock) return _workspaceListStamp;
        }
    }

    public void SaveWorkspaces(IReadOnlyList<WorkspaceInfo> workspaces)
    {
        lock (_workspaceListLock)
        {
            WriteWorkspaces(workspaces);
            _workspaceListStamp++;
        }
    }

    /// <summary>
    /// Saves the list unless it was saved since <paramref name="stamp"/> (the app created a workspace, say): a list asked
    /// for before that may not know of what was saved. Returns whether it was saved.
    /// </summary>
    public bool SaveWorkspacesIfUnchanged(IReadOnlyList<WorkspaceInfo> workspaces, long stamp)
    {
        lock (_workspaceListLock)
        {
            if (stamp != _workspaceListStamp) return false;
            WriteWorkspaces(workspaces);
            _workspaceListStamp++;
            return true;
        }
    }

    private void WriteWorkspaces(IReadOnlyList<WorkspaceInfo> workspaces) => Write((c, tx) =>
        Execute(c, tx, "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$k", WorkspacesKey), ("$v", JsonSerializer.Serialize(workspaces, WorkspacesJson))));

    /// <summary>The list saved last; empty before the first connection.</summary>
    public IReadOnlyList<WorkspaceInfo> LoadWorkspaces() => Read(c =>
    {
        if (Scalar(c, null, "SELECT value FROM meta WHERE key = $k", ("$k", WorkspacesKey)) is not string json) return (IReadOnlyList<WorkspaceInfo>)[];
        try
        {
            return JsonSerializer.Deserialize<WorkspaceInfo[]>(json, WorkspacesJson) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    });

    public string? LoadActiveWorkspaceId() => Read(c => Scalar(c, null, "SELECT value FROM meta WHERE key = $k", ("$k", ActiveWorkspaceKey)) as string);

    public void SaveActiveWorkspaceId(string? workspaceId) => Write((c, tx) =>
    {
        if (workspaceId is null) Execute(c, tx, "DELETE FROM meta WHERE key = $k", ("$k", ActiveWorkspaceKey));
        else Execute(c, tx, "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$k", ActiveWorkspaceKey), ("$v", workspaceId));
    });

    /// <summary>
    /// Every synced workspace this profile holds anything of (entities, cursor, outbox, conflicts, failed). Never the
    /// Scratch Pad: this list is what the engine reloads, and drops when the hub does not list it.
    /// </summary>
    public IReadOnlyList<string> GetStoredWorkspaceIds() => Read(c =>
    {
        using var command = Command(c, null,
            string.Join(" UNION ", WorkspaceTables.Select(t => $"SELECT DISTINCT workspace_id FROM {t} WHERE workspace_id <> $scratch")),
            ("$scratch", ScratchPadId));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read()) list.Add(reader.GetString(0));
        return (IReadOnlyList<string>)list;
    });

    /// <summary>The account lost the workspace: everything of it goes, in one transaction (save its unsent edits first).</summary>
    public void DeleteWorkspaceData(string workspaceId) => Write((c, tx) =>
    {
        foreach (var table in WorkspaceTables)
        {
            Execute(c, tx, $"DELETE FROM {table} WHERE workspace_id = $ws", ("$ws", workspaceId));
        }
    });

    /// <summary>Pending, conflicts and failed summed over every workspace (what the sync status shows).</summary>
    public LocalCounts GetTotalCounts() => _totalCounts.Execute();

    private static PreparedRead<LocalCounts> TotalCountsQuery(string connectionString) => new(connectionString, """
        SELECT (SELECT COUNT(*) FROM outbox), (SELECT MIN(created_at) FROM outbox),
               (SELECT COUNT(*) FROM conflicts), (SELECT COUNT(*) FROM failed)
        """, reader =>
    {
        reader.Read();
        return new LocalCounts(reader.GetInt32(0), reader.GetInt32(2), reader.GetInt32(3),
            reader.IsDBNull(1) ? null : FromUnixMs(reader.GetInt64(1)));
    });

    /// <summary>The workspace whose oldest pending edit is the oldest of all (the outbox drains in the order edits were made), or null.</summary>
    public string? NextOutboxWorkspace() => Read(c =>
        Scalar(c, null, "SELECT workspace_id FROM outbox ORDER BY seq LIMIT 1") as string);
}
