using SyncHub.Client.Internal;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    /// <summary>
    /// The account's workspaces as last heard from the hub (saved in the profile), its personal one first. Before the
    /// first connection only the personal one; empty when signed out. The engine syncs all of them.
    /// </summary>
    public IReadOnlyList<WorkspaceInfo> Workspaces
    {
        get
        {
            if (_session is not { } session) return [];
            var stored = _store.LoadWorkspaces();
            if (stored.Any(w => w.WorkspaceId == session.WorkspaceId)) return stored;
            return [new WorkspaceInfo { WorkspaceId = session.WorkspaceId, Name = session.Login, Personal = true, Role = WorkspaceRoles.Owner, OwnerAccountId = session.AccountId }, .. stored];
        }
    }

    /// <summary>
    /// Raised when the account's workspaces changed (one was created, it joined one, or lost one); for a lost one its
    /// local data is already gone and <see cref="WorkspacesChangedEventArgs.UnsentSavedTo"/> says where its unsent
    /// edits were saved. Raised on the engine's thread.
    /// </summary>
    public event EventHandler<WorkspacesChangedEventArgs>? WorkspacesChanged;

    /// <summary>
    /// The workspace the entity API (<see cref="GetEntities()"/>, <see cref="CreateAsync(string, string?, string, CancellationToken)"/>, ...)
    /// works on: <see cref="ScratchPadId"/> when signed out or after <see cref="EnterScratchPad"/>; else the one chosen with
    /// <see cref="SwitchWorkspace"/> (kept in the profile), else the personal one. Falls back to the personal one when the
    /// account loses the chosen workspace.
    /// </summary>
    public string ActiveWorkspaceId
    {
        get
        {
            if (_session is not { } session) return ScratchPadId;
            var active = _store.LoadActiveWorkspaceId();
            if (active == ScratchPadId) return ScratchPadId;
            return active is not null && Workspaces.Any(w => w.WorkspaceId == active) ? active : session.WorkspaceId;
        }
    }

    /// <summary>
    /// Makes <paramref name="workspaceId"/> the active workspace (kept in the profile for the next start); this also leaves
    /// the Scratch Pad. <see cref="ScratchPadId"/> enters it, as <see cref="EnterScratchPad"/> does.
    /// </summary>
    /// <exception cref="SyncException"><c>unauthorized</c> when signed out; <c>not_found</c> when it is not one of the account's known workspaces.</exception>
    public void SwitchWorkspace(string workspaceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        if (workspaceId == ScratchPadId)
        {
            EnterScratchPad();
            return;
        }
        var session = RequireSession();
        if (!Workspaces.Any(w => w.WorkspaceId == workspaceId))
            throw new SyncException(ErrorCodes.NotFound, $"Workspace '{workspaceId}' is not one of this account's workspaces (list them to refresh).");
        _store.SaveActiveWorkspaceId(workspaceId == session.WorkspaceId ? null : workspaceId);
    }

    /// <summary>Asks the hub for the account's workspaces (<c>GET /api/workspaces</c>) and keeps the list.</summary>
    /// <exception cref="SyncException"><c>unauthorized</c>, <c>unreachable</c>, ...</exception>
    public async Task<IReadOnlyList<WorkspaceInfo>> GetWorkspacesAsync(CancellationToken cancellationToken = default)
    {
        var session = RequireSession();
        var list = await OnAnyNodeAsync(session, "GetWorkspaces", node => _accounts.GetWorkspacesAsync(node, CurrentToken(session), cancellationToken)).ConfigureAwait(false);
        // A running engine applies the list itself (from the hub's push), dropping lost workspaces; only a stopped one needs it saved here.
        if (_engine is null) _store.SaveWorkspaces(list);
        return list;
    }

    /// <summary>Creates a team workspace owned by this account (<c>POST /api/workspaces</c>); a running engine starts syncing it at once.</summary>
    /// <exception cref="SyncException"><c>invalid_request</c> for an empty or too long name (over 200 characters), <c>unreachable</c>, ...</exception>
    public async Task<WorkspaceInfo> CreateWorkspaceAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var session = RequireSession();
        var created = await OnAnyNodeAsync(session, "CreateWorkspace", node => _accounts.CreateWorkspaceAsync(node, CurrentToken(session), name, cancellationToken)).ConfigureAwait(false);
        // Saved now so that it can be switched to at once; a running engine subscribes to it when the hub's push arrives.
        _store.SaveWorkspaces([.. Workspaces.Where(w => w.WorkspaceId != created.WorkspaceId), created]);
        return created;
    }

    /// <summary>The workspace's members (<c>GET /api/workspaces/{id}/members</c>), the owner first.</summary>
    /// <exception cref="SyncException"><c>forbidden</c> when this account is not a member, ...</exception>
    public async Task<IReadOnlyList<WorkspaceMember>> GetMembersAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        var session = RequireSession();
        return await OnAnyNodeAsync(session, "GetMembers", node => _accounts.GetMembersAsync(node, CurrentToken(session), workspaceId, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Adds the account called <paramref name="username"/> to the workspace (owner only); its devices start syncing it live.</summary>
    /// <exception cref="SyncException">
    /// <c>forbidden</c> unless this account owns it, <c>not_found</c> for an unknown username, <c>member_exists</c>,
    /// <c>invalid_request</c> for a personal workspace.
    /// </exception>
    public async Task<WorkspaceMember> AddMemberAsync(string workspaceId, string username, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentNullException.ThrowIfNull(username);
        var session = RequireSession();
        return await OnAnyNodeAsync(session, "AddMember", node => _accounts.AddMemberAsync(node, CurrentToken(session), workspaceId, username, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes account <paramref name="accountId"/> from the workspace: the owner removes anyone else; a member removes
    /// only itself (leaves). The removed account's devices lose the workspace.
    /// </summary>
    /// <exception cref="SyncException"><c>forbidden</c>, <c>not_found</c> for an account that is not a member, <c>invalid_request</c> for the owner.</exception>
    public async Task RemoveMemberAsync(string workspaceId, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var session = RequireSession();
        await OnAnyNodeAsync(session, "RemoveMember", node => _accounts.RemoveMemberAsync(node, CurrentToken(session), workspaceId, accountId, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The active workspace, for the entity API: signed out, that is the Scratch Pad.</summary>
    private string RequireActiveWorkspace()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return ActiveWorkspaceId;
    }

    private void RaiseWorkspacesChanged(WorkspacesChangedEventArgs args)
    {
        try
        {
            WorkspacesChanged?.Invoke(this, args);
        }
#pragma warning disable CA1031 // An app's handler must not break the engine loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SyncClientLog.HandlerFailed(_logger, nameof(WorkspacesChanged), ex);
        }
    }
}
