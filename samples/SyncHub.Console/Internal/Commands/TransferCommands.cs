using System.Text.Json.Nodes;
using SyncHub.Client;
using SyncHub.Postman;
using SyncHub.Protocol;
using SyncHub.Protocol.Entities;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// export, import, import-scratch: the active workspace (synced or the Scratch Pad) in and out of Postman's file
/// formats. Both work on the profile's local copy, so they work offline; an import is queued for the hub like any edit.
/// </summary>
internal static class TransferCommands
{
    public static async Task<int> ExportAllAsync(CommandContext ctx, string file, bool collections, bool environments, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var content = (collections, environments) switch
        {
            (true, false) => PostmanDumpContent.Collections,
            (false, true) => PostmanDumpContent.Environments,
            _ => PostmanDumpContent.All,
        };
        var entities = Entities(client);
        await WriteFileAsync(file, output => PostmanWriter.WriteDump(entities, content, output), cancellationToken);
        var counts = new List<string>();
        if (content.HasFlag(PostmanDumpContent.Collections)) counts.Add(StatusText.Count(entities.Count(e => e.Kind == EntityKinds.Collection), "collection"));
        if (content.HasFlag(PostmanDumpContent.Environments)) counts.Add(StatusText.Count(entities.Count(e => e.Kind == EntityKinds.Environment), "environment"));
        await ctx.InformAsync($"Exported {string.Join(" and ", counts)} of {WorkspaceName(client)} to {file} (a Postman data dump).");
        return ExitCodes.Ok;
    }

    public static async Task<int> ExportCollectionAsync(CommandContext ctx, string id, string file, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var entity = FindRoot(client, id, EntityKinds.Collection);
        var entities = Entities(client);
        await WriteFileAsync(file, output => PostmanWriter.WriteCollection(entities, id, output), cancellationToken);
        await ctx.InformAsync($"Exported collection '{EntityForest.NameOf(entity)}' to {file} (Postman collection v2.1.0).");
        return ExitCodes.Ok;
    }

    public static async Task<int> ExportEnvironmentAsync(CommandContext ctx, string id, string file, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        var entity = FindRoot(client, id, EntityKinds.Environment);
        var entities = Entities(client);
        await WriteFileAsync(file, output => PostmanWriter.WriteEnvironment(entities, id, output), cancellationToken);
        await ctx.InformAsync($"Exported environment '{EntityForest.NameOf(entity)}' to {file} (a Postman environment).");
        return ExitCodes.Ok;
    }

    public static async Task<int> ImportAsync(CommandContext ctx, string file, CancellationToken cancellationToken)
    {
        var client = await ctx.GetClientAsync(cancellationToken);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandFailedException(ErrorCodes.NotFound, $"There is no file '{file}'.");
        }

        PostmanImport import;
        try
        {
            import = PostmanReader.Read(bytes);
        }
        catch (PostmanFormatException e)
        {
            throw new CommandFailedException(ErrorCodes.InvalidFile, $"{file} cannot be imported: {e.Reason} (at {e.Path}). Nothing was imported.");
        }
        if (import.Entities.Count == 0)
            throw new CommandFailedException(ErrorCodes.InvalidFile, $"{file} holds nothing to import (no collection, environment, variable or header preset). Nothing was imported.");

        // Roots go after what the workspace already has: the library ranks a body without one after the last sibling.
        var news = import.Entities
            .Select(e => new NewEntity(e.Id, e.Kind, e.ParentId, e.ParentId is null ? WithoutRank(e.Body) : e.Body))
            .ToList();
        await client.CreateManyAsync(news, cancellationToken);

        var roots = import.Roots.ToList();
        foreach (var root in roots) await ctx.WriteResultAsync(root.Id);
        var names = roots.Where(r => r.Kind is EntityKinds.Collection or EntityKinds.Environment)
            .Select(r => $"{r.Kind} '{EntityBodies.Field(r.Body, "name") ?? "(unnamed)"}'")
            .ToList();
        var what = names.Count switch
        {
            0 => StatusText.Count(roots.Count, "root entity", "root entities"),
            <= 5 => string.Join(", ", names),
            _ => $"{string.Join(", ", names.Take(5))} and {names.Count - 5} more",
        };
        await ctx.InformAsync($"Imported {what} from {file} ({Describe(import.Kind)}, {StatusText.Count(import.Entities.Count, "entity", "entities")}) into {WorkspaceName(client)}.");
        return await EditSync.AfterEditAsync(ctx, client, [.. import.Entities.Select(e => e.Id)], cancellationToken);
    }

    public static async Task<int> ImportScratchAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        if (client.IsInScratchPad)
            throw new CommandFailedException(ErrorCodes.InvalidRequest, "You are in the Scratch Pad: choose the workspace to move it into with 'synchub workspace use ID' first ('synchub workspaces' lists them).");
        var target = client.ActiveWorkspaceId!;
        var before = client.GetEntities(target).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var moved = await client.MoveScratchPadToAsync(target, cancellationToken);
        if (moved == 0)
        {
            await ctx.InformAsync("The Scratch Pad is empty: nothing to move.");
            return ExitCodes.Ok;
        }
        var ids = client.GetEntities(target).Select(e => e.Id).Where(id => !before.Contains(id)).ToList();
        await ctx.InformAsync($"Moved {StatusText.Count(moved, "entity", "entities")} from the Scratch Pad into {WorkspaceName(client)}; the Scratch Pad is now empty.");
        return await EditSync.AfterEditAsync(ctx, client, ids, cancellationToken);
    }

    private static List<PostmanEntity> Entities(SyncClient client) =>
        [.. client.GetEntities().Select(e => new PostmanEntity(e.Id, e.Kind, e.ParentId, e.Body))];

    private static LocalEntity FindRoot(SyncClient client, string id, string kind)
    {
        var entity = client.GetEntity(id)
            ?? throw new CommandFailedException(ErrorCodes.NotFound, $"There is no {kind} '{id}' in this workspace: run 'synchub ls' to see the ids.");
        if (entity.Kind != kind)
            throw new CommandFailedException(ErrorCodes.InvalidRequest, $"'{id}' is {WithArticle(entity.Kind)}, not {WithArticle(kind)}.");
        return entity;
    }

    // Written beside the target and renamed over it, so that a failed export never leaves half a file.
    private static async Task WriteFileAsync(string file, Action<Stream> write, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            throw new CommandFailedException(ErrorCodes.NotFound, $"The folder '{directory}' does not exist.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: false))
            {
                write(output);
                await output.FlushAsync(cancellationToken);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string WithArticle(string kind) => ("aeiou".Contains(kind[0], StringComparison.Ordinal) ? "an " : "a ") + kind;

    private static string WithoutRank(string body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("rank");
        return node.ToJsonString(EntityJson.Options);
    }

    private static string WorkspaceName(SyncClient client)
    {
        if (client.IsInScratchPad) return "the Scratch Pad";
        var active = client.ActiveWorkspaceId;
        var info = client.Workspaces.FirstOrDefault(w => w.WorkspaceId == active);
        return info is null ? $"workspace {active}" : $"workspace '{info.Name}'";
    }

    private static string Describe(PostmanFileKind kind) => kind switch
    {
        PostmanFileKind.CollectionV21 => "a Postman collection v2.1.0",
        PostmanFileKind.CollectionV20 => "a Postman collection v2.0.0",
        PostmanFileKind.CollectionV1 => "a Postman collection v1",
        PostmanFileKind.Environment => "a Postman environment",
        PostmanFileKind.Globals => "Postman globals",
        PostmanFileKind.DataDump => "a Postman data dump",
        _ => kind.ToString(),
    };
}
