using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// add, rename, rm, mv: local edits first (the library queues them), then a short sync. In the Scratch Pad (chosen, or
/// signed out) they are local only and nothing is synced.
/// </summary>
internal static class EntityCommands
{
    public static Task<int> AddAsync(CommandContext ctx, string kind, string? parentId, string name, string? method, string? url, CancellationToken cancellationToken) =>
        AddAsync(ctx, kind, parentId, EntityBodies.Create(kind, name, method, url), cancellationToken);

    public static async Task<int> AddAsync(CommandContext ctx, string kind, string? parentId, string body, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        if (parentId is not null)
        {
            var allowed = string.Join(" or ", EntityValidator.AllowedParents(kind));
            var parent = client.GetEntity(parentId)
                ?? throw new CommandFailedException(ErrorCodes.InvalidParent, $"There is no {allowed} '{parentId}' in this workspace: run 'synchub ls' to see the ids.");
            if (!EntityValidator.AllowedParents(kind).Contains(parent.Kind))
                throw new CommandFailedException(ErrorCodes.InvalidParent, $"A {kind} cannot go inside a {parent.Kind}: give the id of a {allowed}.");
        }

        if (EntityValidator.Validate(kind, body) is { } invalid) throw new CommandFailedException(invalid.Code, invalid.Message);

        var id = await client.CreateAsync(kind, parentId, body, cancellationToken);
        await ctx.WriteResultAsync(id);
        return await EditSync.AfterEditAsync(ctx, client, [id], cancellationToken);
    }

    public static async Task<int> RenameAsync(CommandContext ctx, string id, string name, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var entity = Find(client, id);
        var body = EntityBodies.Rename(entity.Body, name);
        if (EntityValidator.Validate(entity.Kind, body) is { } invalid) throw new CommandFailedException(invalid.Code, invalid.Message);

        await client.UpdateAsync(id, body, cancellationToken);
        await ctx.InformAsync($"Renamed {entity.Kind} {id} from '{EntityForest.NameOf(entity)}' to '{name}'.");
        return await EditSync.AfterEditAsync(ctx, client, [id], cancellationToken);
    }

    public static async Task<int> RemoveAsync(CommandContext ctx, string id, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var entity = Find(client, id);

        // One delete: the hub removes everything inside in the same change, so no device ever holds half of it.
        var inside = new EntityForest(client.GetEntities()).DescendantsDeepestFirst(id);
        await client.DeleteAsync(id, cancellationToken);

        var what = inside.Count == 0 ? string.Empty : $" and the {StatusText.Count(inside.Count, "item")} inside it";
        await ctx.InformAsync($"Removed {entity.Kind} '{EntityForest.NameOf(entity)}'{what}.");
        return await EditSync.AfterEditAsync(ctx, client, [id], cancellationToken);
    }

    /// <summary>mv: another parent and/or another place among the siblings, as one update.</summary>
    public static async Task<int> MoveAsync(CommandContext ctx, string id, string parent, string? before, string? after, CancellationToken cancellationToken)
    {
        if (before is not null && after is not null)
            throw new UsageException("Give --before or --after, not both.");
        var client = await ctx.GetClientAsync(cancellationToken);
        var entity = Find(client, id);
        string? parentId = parent is "-" or "root" ? null : parent;
        if (parentId is not null && client.GetEntity(parentId) is null)
            throw new CommandFailedException(ErrorCodes.InvalidParent, $"There is no '{parentId}' in this workspace to move into: run 'synchub ls' to see the ids ('-' for the top level).");
        var position = before is not null ? EntityPosition.Before(before) : after is not null ? EntityPosition.After(after) : EntityPosition.Last;

        await client.MoveAsync(id, parentId, position, cancellationToken);
        var where = before is not null ? $" before {before}" : after is not null ? $" after {after}" : " at the end";
        await ctx.InformAsync($"Moved {entity.Kind} '{EntityForest.NameOf(entity)}' into {parentId ?? "the top level"}{where}.");
        return await EditSync.AfterEditAsync(ctx, client, [id], cancellationToken);
    }

    private static LocalEntity Find(SyncClient client, string id) =>
        client.GetEntity(id)
        ?? throw new CommandFailedException(ErrorCodes.NotFound, $"There is no entity '{id}' in this workspace: run 'synchub ls' to see the ids.");
}
