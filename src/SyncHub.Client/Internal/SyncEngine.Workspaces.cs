using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>Every workspace of the account: which to sync, subscribing to new ones live, dropping lost ones.</summary>
internal sealed partial class SyncEngine
{
    private PushOrderingBuffer NewBuffer() => new(_time, _options.GapGracePeriod);

    /// <summary>Starts tracking the workspace from its stored cursor (0 when new: its catch-up restores a snapshot).</summary>
    private WorkspaceSync Track(string workspaceId)
    {
        if (_synced.TryGetValue(workspaceId, out var known)) return known;
        var sync = new WorkspaceSync(workspaceId, NewBuffer());
        sync.SetCursor(_store.GetCursor(workspaceId));
        _synced[workspaceId] = sync;
        return sync;
    }

    /// <summary>The account's workspaces, its personal one first; only the personal one from a hub without team workspaces.</summary>
    private static async Task<IReadOnlyList<WorkspaceInfo>> GetWorkspacesAsync(HubConnection connection, StoredSession session, CancellationToken ct)
    {
        WorkspaceInfo[] listed;
        try
        {
            listed = WithoutScratchPad(await connection.InvokeAsync<WorkspaceInfo[]>(HubMethods.GetWorkspaces, ct).ConfigureAwait(false) ?? []);
        }
        catch (HubException ex) when (ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            listed = [];
        }
        if (listed.Any(w => w.WorkspaceId == session.WorkspaceId)) return listed;
        var personal = new WorkspaceInfo
        {
            WorkspaceId = session.WorkspaceId,
            Name = session.Login,
            Personal = true,
            Role = WorkspaceRoles.Owner,
            OwnerAccountId = session.AccountId,
        };
        return [personal, .. listed];
    }

    /// <summary>
    /// The hub makes 32-hex-digit ids, so it never lists the Scratch Pad's; should one ever say so, syncing it would send
    /// local-only data, so such an entry is ignored.
    /// </summary>
    private static WorkspaceInfo[] WithoutScratchPad(IEnumerable<WorkspaceInfo> listed) =>
        [.. listed.Where(w => w is not null && w.WorkspaceId != SyncClient.ScratchPadId)];

    /// <summary>
    /// A list can be older than a workspace this device just created: the HTTP answer of the create and the hub's push or
    /// GetWorkspaces answer race. Before a workspace the profile knows is dropped, the hub is asked again; that answer was
    /// asked for after the profile knew of it, so it is not older than the create.
    /// </summary>
    private async Task<IReadOnlyList<WorkspaceInfo>> ConfirmWorkspacesAsync(HubConnection connection, StoredSession session, IReadOnlyList<WorkspaceInfo> listed, CancellationToken ct)
    {
        var known = listed.Select(w => w.WorkspaceId).ToHashSet(StringComparer.Ordinal);
        if (StoredWorkspaceIds(session).All(known.Contains)) return listed;
        return await GetWorkspacesAsync(connection, session, ct).ConfigureAwait(false);
    }

    /// <summary>Workspaces this profile holds anything of, or was told about, with the personal one.</summary>
    private IEnumerable<string> StoredWorkspaceIds(StoredSession session) =>
        new[] { session.WorkspaceId }
            .Concat(_store.LoadWorkspaces().Select(w => w.WorkspaceId))
            .Concat(_store.GetStoredWorkspaceIds())
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Takes <paramref name="workspaces"/> as the account's list: stores it, and drops every workspace no longer on it
    /// (its unsent edits saved to a file first), then tells the app. The personal workspace is never dropped.
    /// </summary>
    private void ApplyWorkspaceList(IReadOnlyList<WorkspaceInfo> workspaces, long stamp)
    {
        var previous = _store.LoadWorkspaces();
        while (!_store.SaveWorkspacesIfUnchanged(workspaces, stamp))
        {
            // The app saved the list after this one was asked for (it created a workspace): this one may not know of
            // that. Add what it brings and drop nothing; the next list (a push, the next connect) settles removals.
            stamp = _store.WorkspaceListStamp;
            previous = _store.LoadWorkspaces();
            workspaces = [.. previous, .. workspaces.Where(w => previous.All(p => p.WorkspaceId != w.WorkspaceId))];
        }
        var keep = workspaces.Select(w => w.WorkspaceId).Append(WorkspaceId).ToHashSet(StringComparer.Ordinal);
        var lost = StoredWorkspaceIds(_session).Concat(_synced.Keys).Distinct(StringComparer.Ordinal).Where(id => !keep.Contains(id)).ToList();

        string? savedTo = null;
        foreach (var workspaceId in lost)
        {
            var counts = _store.GetCounts(workspaceId);
            if (counts.Pending + counts.Conflicts + counts.Failed > 0)
            {
                var name = previous.FirstOrDefault(w => w.WorkspaceId == workspaceId)?.Name ?? workspaceId;
                savedTo = UnsentChangesFile.Write(_options.ProfileDirectory, _store, _session,
                    $"this account is no longer a member of workspace '{name}'", _time.GetUtcNow(), workspaceId);
                SyncClientLog.UnsentChangesSaved(_logger, counts.Pending, savedTo);
            }
            _store.DeleteWorkspaceData(workspaceId);
            _synced.Remove(workspaceId);
            SyncClientLog.WorkspaceRemoved(_logger, workspaceId);
            _entitiesChanged(workspaceId, [], true);
        }
        if (_store.LoadActiveWorkspaceId() is { } active && !keep.Contains(active) && active != SyncClient.ScratchPadId) _store.SaveActiveWorkspaceId(null);

        var changed = lost.Count > 0 || workspaces.Any(w => !_synced.ContainsKey(w.WorkspaceId)) || previous.Count != workspaces.Count
            || !previous.Select(w => (w.WorkspaceId, w.Name, w.Role)).SequenceEqual(workspaces.Select(w => (w.WorkspaceId, w.Name, w.Role)));
        // The event carries where the lost workspaces' unsent edits went (UnsentSavedTo).
        if (changed) _callbacks.WorkspacesChanged(new WorkspacesChangedEventArgs(workspaces, lost, savedTo));
        _status.Refresh();
    }

    /// <summary>The hub pushed the account's list: drop lost workspaces, subscribe to and restore new ones.</summary>
    private async Task OnWorkspacesAsync(HubConnection connection, IReadOnlyList<WorkspaceInfo> workspaces, CancellationToken ct)
    {
        var stamp = _store.WorkspaceListStamp;
        workspaces = WithoutScratchPad(workspaces);
        workspaces = await ConfirmWorkspacesAsync(connection, _session, workspaces, ct).ConfigureAwait(false);
        ApplyWorkspaceList(workspaces, stamp);
        var added = workspaces.Where(w => !_synced.ContainsKey(w.WorkspaceId)).Select(w => Track(w.WorkspaceId)).ToList();
        if (added.Count == 0) return;
        var request = new SubscribeRequest
        {
            Workspaces = [.. added.Select(s => new WorkspaceCursor { WorkspaceId = s.WorkspaceId, Cursor = s.Cursor })],
        };
        await InvokeAsync(HubMethods.Subscribe, t => connection.InvokeAsync<SubscribeResult>(HubMethods.Subscribe, request, t), ct).ConfigureAwait(false);
        foreach (var sync in added)
        {
            SyncClientLog.WorkspaceAdded(_logger, sync.WorkspaceId);
            await CatchUpAsync(connection, sync, ct).ConfigureAwait(false);
        }
        UpdateOnlineStatus(null);
    }
}
