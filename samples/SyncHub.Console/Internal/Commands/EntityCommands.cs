using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>add, rename, rm: local edits first (the library queues them), then a short sync.</summary>
internal static class EntityCommands
{
    public static async Task<int> AddAsync(CommandContext ctx, string kind, string? parentId, string name, string? method, string? url, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        if (parentId is not null)
        {
            var parent = client.GetEntity(parentId)
                ?? throw new CommandFailedException(ErrorCodes.InvalidParent, $"There is no collection or folder '{parentId}' in this workspace: run 'synchub ls' to see the ids.");
            if (!EntityValidator.AllowedParents(kind).Contains(parent.Kind))
                throw new CommandFailedException(ErrorCodes.InvalidParent, $"A {kind} cannot go inside a {parent.Kind}: give the id of a collection or folder.");
        }

        var body = EntityBodies.Create(kind, name, method, url);
        if (EntityValidator.Validate(kind, body) is { } invalid) throw new CommandFailedException(invalid.Code, invalid.Message);

        var id = await client.CreateAsync(kind, parentId, body, cancellationToken);
        await ctx.WriteResultAsync(id);
        return await EditSync.AfterEditAsync(ctx, client, [id], cancellationToken);
    }

    public static async Task<int> RenameAsync(CommandContext ctx, string id, string name, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var entity = Find(client, id);
        var body = EntityBodies.Rename(entity.Body, name);
        if (EntityValidator.Validate(entity.Kind, body) is { } invalid) throw new CommandFailedException(invalid.Code, invalid.Message);

        await client.UpdateAsync(id, body, cancellationToken);
        await ctx.InformAsync($"Renamed {entity.Kind} {id} from '{EntityForest.NameOf(entity)}' to '{name}'.");
        return await EditSync.AfterEditAsync(ctx, client, [id], cancellationToken);
    }

    public static async Task<int> RemoveAsync(CommandContext ctx, string id, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var entity = Find(client, id);

        // Children go first, so that no device ever holds a folder or request whose parent is gone.
        var inside = new EntityForest(client.GetEntities()).DescendantsDeepestFirst(id);
        foreach (var child in inside) await client.DeleteAsync(child.Id, cancellationToken);
        await client.DeleteAsync(id, cancellationToken);

        var what = inside.Count == 0 ? string.Empty : $" and the {StatusText.Count(inside.Count, "item")} inside it";
        await ctx.InformAsync($"Removed {entity.Kind} '{EntityForest.NameOf(entity)}'{what}.");
        return await EditSync.AfterEditAsync(ctx, client, [.. inside.Select(e => e.Id), id], cancellationToken);
    }

    private static LocalEntity Find(SyncClient client, string id) =>
        client.GetEntity(id)
        ?? throw new CommandFailedException(ErrorCodes.NotFound, $"There is no collection, folder or request '{id}' in this workspace: run 'synchub ls' to see the ids.");
}
