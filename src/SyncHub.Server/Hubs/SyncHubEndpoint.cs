using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Server.Authentication;
using SyncHub.Server.Commit;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Hubs;

/// <summary>The SignalR hub at <c>/hubs/sync</c>; its methods and messages are described in docs/PROTOCOL.md.</summary>
/// <remarks>
/// Only a signed-in device can connect: <see cref="SyncHubEndpointRouteBuilderExtensions.MapSyncHub"/> requires
/// authorization on the endpoint. An [Authorize] on the hub would also run the authorization policy again on
/// every invocation, for a principal that cannot change during the connection.
/// </remarks>
public sealed partial class SyncHubEndpoint(
    IAccountStore accounts,
    IChangeStore changes,
    MutationCommitChannel commitQueue,
    SyncHubMetrics metrics,
    IOptions<SyncHubOptions> options,
    ILogger<SyncHubEndpoint> logger,
    HubServices services) : Hub
{
    private const int MaxSubscribedWorkspaces = 1000;
    private readonly SyncHubOptions _options = options.Value;

    private string AccountId => Context.User?.FindFirst(SyncHubClaimTypes.AccountId)?.Value
        ?? throw Error(ErrorCodes.Unauthorized, "The connection has no signed-in device.");

    private string DeviceId => Context.User?.FindFirst(SyncHubClaimTypes.DeviceId)?.Value
        ?? throw Error(ErrorCodes.Unauthorized, "The connection has no signed-in device.");

    /// <summary>Joins the live group of each workspace, then answers their heads and the hub's limits.</summary>
    public async Task<SubscribeResult> Subscribe(SubscribeRequest request)
    {
        if (request?.Workspaces is null)
            throw Error(ErrorCodes.InvalidRequest, "Subscribe needs a request with a list of workspaces.");
        if (request.Workspaces.Length > MaxSubscribedWorkspaces)
            throw Error(ErrorCodes.InvalidRequest, $"At most {MaxSubscribedWorkspaces} workspaces can be subscribed at once.");
        var ids = new List<string>(request.Workspaces.Length);
        foreach (var cursor in request.Workspaces)
        {
            if (cursor is null || !EntityIds.IsValid(cursor.WorkspaceId))
                throw Error(ErrorCodes.InvalidRequest, "Every subscribed workspace needs a valid workspaceId.");
            if (cursor.Cursor < 0)
                throw Error(ErrorCodes.InvalidRequest, $"The cursor of workspace '{cursor.WorkspaceId}' is negative.");
            if (!ids.Contains(cursor.WorkspaceId)) ids.Add(cursor.WorkspaceId);
        }

        var accountId = AccountId;
        foreach (var id in ids)
        {
            await EnsureMemberAsync(accountId, id).ConfigureAwait(false);
        }
        // Join before reading heads: a change committed in between is then pushed, never missed.
        foreach (var id in ids)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SyncHubGroups.Workspace(id), Context.ConnectionAborted).ConfigureAwait(false);
        }
        // A removal that ran between the check and the join took its connections out of the group before this one
        // was in it: ask again (the store forgets a removed membership at once) and leave what is no longer ours.
        foreach (var id in ids)
        {
            if (await accounts.IsMemberAsync(accountId, id, Context.ConnectionAborted).ConfigureAwait(false)) continue;
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, SyncHubGroups.Workspace(id), CancellationToken.None).ConfigureAwait(false);
            Log.WorkspaceForbidden(logger, DeviceId, id);
            throw new HubException(ForbiddenError(id).Format());
        }
        var heads = new WorkspaceHead[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            heads[i] = new WorkspaceHead { WorkspaceId = ids[i], HeadSeq = await changes.GetHeadSeqAsync(ids[i], Context.ConnectionAborted).ConfigureAwait(false) };
        }
        Log.Subscribed(logger, Context.ConnectionId, DeviceId, ids.Count);
        return new SubscribeResult { DeviceId = DeviceId, Workspaces = heads, Limits = Limits() };
    }

    /// <summary>Applies mutations in order; one result per mutation, in the same order.</summary>
    public async Task<MutationResult[]> Mutate(Mutation[] mutations)
    {
        if (mutations is null || mutations.Length == 0)
            throw Error(ErrorCodes.InvalidRequest, "Mutate needs at least one mutation.");
        if (mutations.Length > _options.MaxBatchSize)
            throw Error(ErrorCodes.PayloadTooLarge, $"A Mutate call carries at most {_options.MaxBatchSize} mutations; this one had {mutations.Length}. Split the batch.");
        if (Array.IndexOf(mutations, null) >= 0)
            throw Error(ErrorCodes.InvalidRequest, "A Mutate batch cannot contain null.");

        var accountId = AccountId;
        var deviceId = DeviceId;
        var results = new MutationResult[mutations.Length];
        var pending = new List<PendingMutation>(mutations.Length);
        var pendingIndex = new List<int>(mutations.Length);
        var membership = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < mutations.Length; i++)
        {
            var m = mutations[i];
            var error = MutationRules.CheckRequest(m);
            if (error is null)
            {
                if (!membership.TryGetValue(m.WorkspaceId, out var member))
                {
                    member = await accounts.IsMemberAsync(accountId, m.WorkspaceId, Context.ConnectionAborted).ConfigureAwait(false);
                    membership[m.WorkspaceId] = member;
                    if (!member) Log.WorkspaceForbidden(logger, deviceId, m.WorkspaceId);
                }
                error = member ? MutationRules.CheckContent(m, _options.MaxBodyBytes) : ForbiddenError(m.WorkspaceId);
            }
            if (error is not null)
            {
                metrics.MutationRefused(error.Code);
                Log.MutationRefused(logger, LoggableId(m.MutationId), deviceId, LoggableId(m.WorkspaceId), error.Code);
                results[i] = MutationResult.Rejected(m.MutationId ?? string.Empty, error.Code, error.Message);
                continue;
            }
            pending.Add(new PendingMutation(m, deviceId));
            pendingIndex.Add(i);
        }

        if (pending.Count > 0)
        {
            // Not cancelled by a disconnect: once queued, the mutation is committed and a retry finds its result.
            var outcomes = await commitQueue.SubmitAsync(pending, Context.ConnectionId).ConfigureAwait(false);
            for (var j = 0; j < outcomes.Count; j++)
            {
                var result = outcomes[j].Result;
                results[pendingIndex[j]] = result;
                if (result.Status == MutationStatuses.Applied)
                    services.Pruner.Committed(pending[j].Mutation.WorkspaceId, result.Seq);
            }
        }
        return results;
    }

    /// <summary>One page of changes after <paramref name="afterSeq"/>.</summary>
    public async Task<ChangePage> GetChanges(string workspaceId, long afterSeq, int limit)
    {
        CheckCursor(workspaceId, afterSeq);
        if (limit < 1)
            throw Error(ErrorCodes.InvalidRequest, $"The limit must be 1 or more (was {limit}).");
        await EnsureMemberAsync(AccountId, workspaceId).ConfigureAwait(false);
        var page = await changes.GetChangesAsync(workspaceId, afterSeq, Math.Min(limit, _options.PageSize), Context.ConnectionAborted).ConfigureAwait(false);
        await EnsureRetainedAsync(workspaceId, afterSeq, Context.ConnectionAborted).ConfigureAwait(false);
        metrics.CatchUpPageSent();
        return page;
    }

    /// <summary>Every change after <paramref name="afterSeq"/> up to the head at the time of the call, in pages.</summary>
    public async IAsyncEnumerable<ChangePage> StreamChanges(string workspaceId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckCursor(workspaceId, afterSeq);
        await EnsureMemberAsync(AccountId, workspaceId).ConfigureAwait(false);
        await EnsureRetainedAsync(workspaceId, afterSeq, cancellationToken).ConfigureAwait(false);
        var head = await changes.GetHeadSeqAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var cursor = afterSeq;
        while (cursor < head)
        {
            var page = await changes.GetChangesAsync(workspaceId, cursor, _options.PageSize, cancellationToken).ConfigureAwait(false);
            // Read after the page: a prune that reached the cursor before the page was read shows here.
            await EnsureRetainedAsync(workspaceId, cursor, cancellationToken).ConfigureAwait(false);
            if (page.Changes.Length == 0) yield break;
            if (page.Changes[^1].Seq > head)
            {
                page.Changes = Array.FindAll(page.Changes, c => c.Seq <= head);
            }
            cursor = page.Changes[^1].Seq;
            metrics.CatchUpPageSent();
            yield return page;
        }
    }

    private HubLimits Limits() => new()
    {
        MaxBodyBytes = _options.MaxBodyBytes,
        MaxBatchSize = _options.MaxBatchSize,
        MaxMessageBytes = _options.MaxMessageBytes,
        MaxPageSize = _options.PageSize,
    };

    private async Task EnsureMemberAsync(string accountId, string workspaceId)
    {
        if (!await accounts.IsMemberAsync(accountId, workspaceId, Context.ConnectionAborted).ConfigureAwait(false))
        {
            Log.WorkspaceForbidden(logger, DeviceId, workspaceId);
            throw new HubException(ForbiddenError(workspaceId).Format());
        }
    }

    private static void CheckCursor(string workspaceId, long afterSeq)
    {
        if (!EntityIds.IsValid(workspaceId))
            throw Error(ErrorCodes.InvalidRequest, "The workspaceId is missing or malformed.");
        if (afterSeq < 0)
            throw Error(ErrorCodes.InvalidRequest, $"afterSeq must be 0 or more (was {afterSeq}).");
    }

    // A refused mutation's ids may be anything the device sent: only well-formed ones reach the log.
    private static string LoggableId(string? id) => EntityIds.IsValid(id) ? id! : "(malformed)";

    // The same answer whether the workspace exists or not: its existence is not the caller's to learn.
    private static HubError ForbiddenError(string workspaceId) =>
        new(ErrorCodes.Forbidden, $"Workspace '{workspaceId}' is not one of yours.");

    private static HubException Error(string code, string message) => new(new HubError(code, message).Format());
}
