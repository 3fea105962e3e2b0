using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SyncHub.Postman;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;
using SyncHub.Protocol.Http;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Hubs;
using SyncHub.Server.Internal;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Workspaces;

/// <summary>
/// Imports a Postman file into a workspace as creates from the importing device, all in one store transaction: every
/// entity is applied or none is. The changes then go to the workspace's devices like any other change.
/// </summary>
internal sealed class WorkspaceImporter(
    IChangeStore store,
    IWorkspaceSnapshotStore snapshots,
    IChangePublisher publisher,
    SyncHubMetrics metrics,
    IOptions<SyncHubOptions> options,
    ILogger<WorkspaceImporter> logger)
{
    public async Task<ImportOutcome> ImportAsync(string accountId, string deviceId, string workspaceId, ReadOnlyMemory<byte> file, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        PostmanImport import;
        try
        {
            import = PostmanReader.Read(file.Span, new PostmanReadOptions { MaxBodyBytes = limits.MaxBodyBytes });
        }
        catch (PostmanFormatException ex)
        {
            Log.ImportRefused(logger, workspaceId, accountId, ErrorCodes.InvalidFile, ex.Path);
            return Refused(ex.Path, $"The file cannot be imported: {ex.Reason} (at {ex.Path}). Nothing was imported.");
        }
        if (import.Entities.Count == 0)
            return Refused("$", "The file holds nothing to import (no collection, environment, variable or header preset). Nothing was imported.");

        // New roots go after the workspace's roots: a prefix of the last root's rank sorts every extension after it.
        var snapshot = await snapshots.ReadSnapshotAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var lastRootRank = LastRootRank(snapshot.Entities);
        var roots = import.Roots.ToList();
        var rootRanks = EntityRank.Sequence(roots.Count);
        var rootIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < roots.Count; i++) rootIndex[roots[i].Id] = i;

        var batch = new List<PendingMutation>(import.Entities.Count);
        for (var i = 0; i < import.Entities.Count; i++)
        {
            var entity = import.Entities[i];
            var body = rootIndex.TryGetValue(entity.Id, out var r) ? WithRank(entity.Body, lastRootRank + rootRanks[r]) : entity.Body;
            var mutation = new Mutation
            {
                MutationId = EntityIds.New(),
                WorkspaceId = workspaceId,
                EntityId = entity.Id,
                Op = MutationOps.Create,
                Kind = entity.Kind,
                ParentId = entity.ParentId,
                Body = body,
                BaseVersion = 0,
            };
            // The reader already keeps to the hub's rules; this is the same check every device's mutation passes.
            if ((MutationRules.CheckRequest(mutation) ?? MutationRules.CheckContent(mutation, limits.MaxBodyBytes)) is { } error)
                return Refused(error.Code, "$", $"Entity {i + 1} of the file (a {entity.Kind}) would be refused: {error.Message} Nothing was imported.");
            batch.Add(new PendingMutation(mutation, deviceId));
        }

        var outcome = await store.ApplyAllOrNothingAsync(batch, CancellationToken.None).ConfigureAwait(false);
        if (!outcome.Applied)
        {
            var failed = import.Entities[outcome.FailedIndex];
            var failure = outcome.Failure!;
            Log.ImportRefused(logger, workspaceId, accountId, failure.Code ?? ErrorCodes.InvalidRequest, "$");
            metrics.MutationNotApplied(failure);
            return Refused(failure.Code ?? ErrorCodes.InvalidRequest, "$",
                $"The hub refused entity {outcome.FailedIndex + 1} of the file (a {failed.Kind}): {failure.Message} Nothing was imported.");
        }

        metrics.Committed(outcome.Changes.Count);
        foreach (var _ in outcome.Changes) metrics.MutationApplied();
        Log.WorkspaceImported(logger, accountId, import.Kind.ToString(), outcome.Changes.Count, workspaceId, outcome.Changes[0].Seq, outcome.Changes[^1].Seq);
        await PublishAsync(workspaceId, outcome.Changes).ConfigureAwait(false);

        return new ImportOutcome(new ImportResult
        {
            WorkspaceId = workspaceId,
            Format = import.Kind.ToString(),
            Created = outcome.Changes.Count,
            Roots = [.. roots.Select(ToRoot)],
            HeadSeq = outcome.Changes[^1].Seq,
        }, null);
    }

    // Pages of the size a device pulls, so that one import never becomes one giant message; a lost page is a seq gap the device pulls.
    private async Task PublishAsync(string workspaceId, IReadOnlyList<Change> changes)
    {
        var size = options.Value.PageSize;
        for (var start = 0; start < changes.Count; start += size)
        {
            var page = changes.Skip(start).Take(size).ToArray();
            try
            {
                await publisher.PublishAsync(new ChangesPush { WorkspaceId = workspaceId, Changes = page }, null, CancellationToken.None).ConfigureAwait(false);
                metrics.ChangesPublished(page.Length);
            }
#pragma warning disable CA1031 // The push is a hint: devices catch up by pulling.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PublishFailed(logger, ex, page.Length, workspaceId);
            }
        }
    }

    private static string LastRootRank(IReadOnlyList<EntityState> entities)
    {
        string? last = null;
        foreach (var e in entities)
        {
            if (e.ParentId is not null || e.Body is null) continue;
            var rank = RankOf(e.Body);
            if (rank is not null && (last is null || string.CompareOrdinal(rank, last) > 0)) last = rank;
        }
        return last ?? string.Empty;
    }

    private static string? RankOf(string body) => BodyStrings.Read(body, "rank") is { } rank && EntityRank.IsValid(rank) ? rank : null;

    private static string WithRank(string body, string rank)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["rank"] = rank;
        return node.ToJsonString(EntityJson.Options);
    }

    private static ImportedRoot ToRoot(PostmanEntity entity) => new()
    {
        Id = entity.Id,
        Kind = entity.Kind,
        // A global variable has a key, not a name.
        Name = BodyStrings.Read(entity.Body, "name") ?? BodyStrings.Read(entity.Body, "key") ?? string.Empty,
    };

    private static ImportOutcome Refused(string path, string message) => Refused(ErrorCodes.InvalidFile, path, message);

    private static ImportOutcome Refused(string code, string path, string message) =>
        new(null, new ErrorResponse(code, message) { Path = path });
}
