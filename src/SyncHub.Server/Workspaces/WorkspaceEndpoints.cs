using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Accounts;
using SyncHub.Server.Internal;
using SyncHub.Server.Sessions;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Workspaces;

/// <summary><c>/api/workspaces</c>: list and create workspaces, list, add and remove members.</summary>
internal static class WorkspaceEndpoints
{
    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HubRoutes.Workspaces, ListAsync).RequireAuthorization();
        endpoints.MapPost(HubRoutes.Workspaces, CreateAsync).RequireAuthorization();
        endpoints.MapGet(HubRoutes.Workspaces + "/{id}/members", MembersAsync).RequireAuthorization();
        endpoints.MapPost(HubRoutes.Workspaces + "/{id}/members", AddMemberAsync).RequireAuthorization();
        endpoints.MapDelete(HubRoutes.Workspaces + "/{id}/members/{accountId}", RemoveMemberAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, WorkspaceNotifier workspaces)
    {
        var (accountId, _) = SessionEndpoints.Caller(context.User);
        return Results.Json(await workspaces.GetWorkspacesAsync(accountId, context.RequestAborted).ConfigureAwait(false), AccountEndpoints.JsonOptions);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IAccountStore accounts, WorkspaceNotifier workspaces, TimeProvider timeProvider, ILoggerFactory loggerFactory,
        Microsoft.Extensions.Options.IOptions<SyncHubOptions> options)
    {
        var (accountId, _) = SessionEndpoints.Caller(context.User);
        var (request, error) = await AccountEndpoints.ReadAsync<CreateWorkspaceRequest>(context).ConfigureAwait(false);
        if (request is null) return error!;
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            return Invalid($"The workspace name must be 1 to {MaxNameLength} characters, not only spaces.");
        if (name.Any(char.IsControl))
            return Invalid("The workspace name cannot contain control characters (such as line breaks or tabs).");

        // Checked before the insert, so two creates at the same moment may pass one over: the limit is against runaway scripts, not a quota to the unit.
        var limit = options.Value.MaxWorkspacesPerAccount;
        var memberships = await accounts.GetMembershipsAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        var owned = memberships.Count(m => !m.Workspace.Personal && string.Equals(m.Workspace.OwnerAccountId, accountId, StringComparison.Ordinal));
        if (owned >= limit)
            return AccountEndpoints.Error(StatusCodes.Status409Conflict, ErrorCodes.WorkspaceLimit,
                $"This account already owns {owned} team workspaces, the most allowed (SyncHub:MaxWorkspacesPerAccount is {limit}). Reuse one, or ask the operator to raise the limit.");

        var workspace = new WorkspaceRecord(EntityIds.New(), name, accountId, Personal: false, timeProvider.GetUtcNow());
        await accounts.CreateWorkspaceAsync(workspace, CancellationToken.None).ConfigureAwait(false);
        Log.WorkspaceCreated(loggerFactory.CreateLogger(typeof(WorkspaceEndpoints).FullName!), accountId, workspace.WorkspaceId);
        await workspaces.NotifyAsync(accountId).ConfigureAwait(false);
        var info = WorkspaceNotifier.ToInfo(new MembershipRecord(workspace, WorkspaceRoles.Owner));
        return Results.Json(info, AccountEndpoints.JsonOptions, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> MembersAsync(string id, HttpContext context, IAccountStore accounts)
    {
        var (accountId, _) = SessionEndpoints.Caller(context.User);
        if (!EntityIds.IsValid(id)) return MalformedWorkspaceId();
        if (!await accounts.IsMemberAsync(accountId, id, context.RequestAborted).ConfigureAwait(false)) return Forbidden(id);
        var members = await accounts.GetMembersAsync(id, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(members.Select(ToMember).ToArray(), AccountEndpoints.JsonOptions);
    }

    private static async Task<IResult> AddMemberAsync(
        string id, HttpContext context, IAccountStore accounts, WorkspaceNotifier workspaces, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var (accountId, _) = SessionEndpoints.Caller(context.User);
        if (!EntityIds.IsValid(id)) return MalformedWorkspaceId();
        var (request, error) = await AccountEndpoints.ReadAsync<AddMemberRequest>(context).ConfigureAwait(false);
        if (request is null) return error!;
        var username = request.Username?.Trim();
        if (string.IsNullOrEmpty(username) || username.Length > 64)
            return Invalid("Name the account to add by its username.");

        // A non-owner learns nothing about the workspace, whether it exists or not.
        var workspace = await accounts.FindWorkspaceAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (workspace is null || !string.Equals(workspace.OwnerAccountId, accountId, StringComparison.Ordinal))
        {
            return await accounts.IsMemberAsync(accountId, id, context.RequestAborted).ConfigureAwait(false)
                ? AccountEndpoints.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Only the workspace's owner can add members.")
                : Forbidden(id);
        }
        if (workspace.Personal)
            return Invalid("A personal workspace takes no members: create a team workspace (POST /api/workspaces) and add them there.");
        var member = await accounts.FindByUsernameAsync(username, context.RequestAborted).ConfigureAwait(false);
        if (member is null)
            return AccountEndpoints.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No account is called '{username}'.");
        var addedAt = timeProvider.GetUtcNow();
        if (!await accounts.AddMemberAsync(id, member.AccountId, WorkspaceRoles.Member, addedAt, CancellationToken.None).ConfigureAwait(false))
            return AccountEndpoints.Error(StatusCodes.Status409Conflict, ErrorCodes.MemberExists, $"'{member.Username}' is already a member of this workspace.");
        Log.MemberAdded(loggerFactory.CreateLogger(typeof(WorkspaceEndpoints).FullName!), member.AccountId, id, accountId);
        await workspaces.NotifyAsync(member.AccountId).ConfigureAwait(false);
        return Results.Json(
            ToMember(new MemberRecord(member.AccountId, member.Username, WorkspaceRoles.Member, addedAt)),
            AccountEndpoints.JsonOptions,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveMemberAsync(
        string id, string accountId, HttpContext context, IAccountStore accounts, WorkspaceNotifier workspaces, ILoggerFactory loggerFactory)
    {
        var (callerId, _) = SessionEndpoints.Caller(context.User);
        if (!EntityIds.IsValid(id)) return MalformedWorkspaceId();
        if (!EntityIds.IsValid(accountId)) return Invalid("The account id is missing or malformed.");
        if (!await accounts.IsMemberAsync(callerId, id, context.RequestAborted).ConfigureAwait(false)) return Forbidden(id);
        var workspace = await accounts.FindWorkspaceAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (workspace is null) return Forbidden(id);
        var owner = string.Equals(workspace.OwnerAccountId, callerId, StringComparison.Ordinal);
        var self = string.Equals(accountId, callerId, StringComparison.Ordinal);
        if (string.Equals(accountId, workspace.OwnerAccountId, StringComparison.Ordinal))
            return Invalid("The owner cannot be removed from their workspace.");
        if (!owner && !self)
            return AccountEndpoints.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Only the workspace's owner can remove other members; you can remove only yourself.");
        if (!await accounts.RemoveMemberAsync(id, accountId, CancellationToken.None).ConfigureAwait(false))
            return AccountEndpoints.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"Account '{accountId}' is not a member of this workspace.");
        Log.MemberRemoved(loggerFactory.CreateLogger(typeof(WorkspaceEndpoints).FullName!), accountId, id, callerId);
        // Out of the group before the push: once a device hears it is gone, no further change of it reaches the device.
        await workspaces.EvictAsync(accountId, id).ConfigureAwait(false);
        await workspaces.NotifyAsync(accountId).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static WorkspaceMember ToMember(MemberRecord member) => new()
    {
        AccountId = member.AccountId,
        Username = member.Username,
        Role = member.Role,
        AddedAt = member.AddedAt.ToUnixTimeMilliseconds(),
    };

    private static IResult Invalid(string message) =>
        AccountEndpoints.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, message);

    private static IResult MalformedWorkspaceId() => Invalid("The workspace id is missing or malformed.");

    // The same answer whether the workspace exists or not: its existence is not the caller's to learn.
    private static IResult Forbidden(string workspaceId) =>
        AccountEndpoints.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, $"Workspace '{workspaceId}' is not one of yours.");
}
