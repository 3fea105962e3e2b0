using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SyncHub.Postman;
using SyncHub.Protocol;
using SyncHub.Server.Accounts;
using SyncHub.Server.Internal;
using SyncHub.Server.Sessions;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Workspaces;

/// <summary><c>GET /api/workspaces/{id}/export</c> and <c>POST /api/workspaces/{id}/import</c>: a workspace in and out of Postman's file formats.</summary>
internal static class WorkspaceTransferEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapWorkspaceTransferEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HubRoutes.Workspaces + "/{id}/export", ExportAsync).RequireAuthorization();
        endpoints.MapPost(HubRoutes.Workspaces + "/{id}/import", ImportAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        string id, HttpContext context, IAccountStore accounts, IWorkspaceSnapshotStore snapshots, ILoggerFactory loggerFactory)
    {
        var (accountId, _) = SessionEndpoints.Caller(context.User);
        if (!EntityIds.IsValid(id)) return Invalid("The workspace id is missing or malformed.");
        if (!await accounts.IsMemberAsync(accountId, id, context.RequestAborted).ConfigureAwait(false)) return Forbidden(id);

        var query = context.Request.Query;
        string? collection = query["collection"], environment = query["environment"], content = query["content"];
        var globals = string.Equals(query["globals"], "true", StringComparison.OrdinalIgnoreCase);
        var picked = (collection is not null ? 1 : 0) + (environment is not null ? 1 : 0) + (globals ? 1 : 0) + (content is not null ? 1 : 0);
        if (picked > 1)
            return Invalid("Ask for one thing: ?collection=ID, ?environment=ID, ?globals=true or ?content=all|collections|environments.");
        var dumpContent = content switch
        {
            null or "all" => PostmanDumpContent.All,
            "collections" => PostmanDumpContent.Collections,
            "environments" => PostmanDumpContent.Environments,
            _ => (PostmanDumpContent?)null,
        };
        if (dumpContent is null)
            return Invalid($"Unknown content '{Shorten(content!)}': use all, collections or environments.");

        var snapshot = await snapshots.ReadSnapshotAsync(id, context.RequestAborted).ConfigureAwait(false);
        var entities = snapshot.Entities
            .Where(e => e.Body is not null)
            .Select(e => new PostmanEntity(e.EntityId, e.Kind, e.ParentId, e.Body!))
            .ToList();

        using var buffer = new MemoryStream();
        string fileName, what;
        if (collection is not null)
        {
            if (Find(entities, collection, EntityKinds.Collection) is not { } root)
                return NotFound($"No collection '{Shorten(collection)}' is in this workspace.");
            PostmanWriter.WriteCollection(entities, collection, buffer);
            (fileName, what) = (FileName(root, "postman_collection"), "a collection");
        }
        else if (environment is not null)
        {
            if (Find(entities, environment, EntityKinds.Environment) is not { } root)
                return NotFound($"No environment '{Shorten(environment)}' is in this workspace.");
            PostmanWriter.WriteEnvironment(entities, environment, buffer);
            (fileName, what) = (FileName(root, "postman_environment"), "an environment");
        }
        else if (globals)
        {
            PostmanWriter.WriteGlobals(entities, buffer);
            (fileName, what) = ("workspace.postman_globals.json", "the globals");
        }
        else
        {
            PostmanWriter.WriteDump(entities, dumpContent.Value, buffer);
            (fileName, what) = ("Backup.postman_dump.json", "a data dump");
        }
        Log.WorkspaceExported(loggerFactory.CreateLogger(typeof(WorkspaceTransferEndpoints).FullName!), accountId, what, id, entities.Count);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return Results.Bytes(buffer.ToArray(), JsonContentType);
    }

    private static async Task<IResult> ImportAsync(
        string id, HttpContext context, IAccountStore accounts, WorkspaceImporter importer, IOptions<SyncHubOptions> options)
    {
        var (accountId, deviceId) = SessionEndpoints.Caller(context.User);
        if (!EntityIds.IsValid(id)) return Invalid("The workspace id is missing or malformed.");
        if (!await accounts.IsMemberAsync(accountId, id, context.RequestAborted).ConfigureAwait(false)) return Forbidden(id);

        var limit = options.Value.MaxImportBytes;
        if (context.Request.ContentLength > limit) return TooLarge(limit);
        // The hub's own limit, not Kestrel's default, decides how large a file may be.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = limit + 1;
        var file = await ReadBodyAsync(context.Request.Body, limit, context.RequestAborted).ConfigureAwait(false);
        if (file is null) return TooLarge(limit);

        var outcome = await importer.ImportAsync(accountId, deviceId, id, file.Value, context.RequestAborted).ConfigureAwait(false);
        return outcome.Error is { } error
            ? Results.Json(error, AccountEndpoints.JsonOptions, statusCode: error.Code == ErrorCodes.PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest)
            : Results.Json(outcome.Result, AccountEndpoints.JsonOptions, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own count (set just above the limit) can stop the read before this loop sees the excess.
            return null;
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static PostmanEntity? Find(List<PostmanEntity> entities, string id, string kind) =>
        entities.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal) && string.Equals(e.Kind, kind, StringComparison.Ordinal));

    // Postman's own naming ("Billing API.postman_collection.json"), with what a file name cannot hold replaced.
    private static string FileName(PostmanEntity root, string suffix)
    {
        var name = BodyStrings.Read(root.Body, "name") is { } n && !string.IsNullOrWhiteSpace(n) ? n : "export";
        var safe = new string([.. name.Select(c => char.IsControl(c) || c is '"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|' || c > 126 ? '_' : c)]);
        return $"{safe.Trim()}.{suffix}.json";
    }

    private static IResult TooLarge(long limit) =>
        AccountEndpoints.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            $"The file is larger than the hub takes ({limit} bytes, SyncHub:MaxImportBytes). Split it, or ask the operator to raise the limit. Nothing was imported.");

    private static IResult Invalid(string message) =>
        AccountEndpoints.Error(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, message);

    private static IResult NotFound(string message) =>
        AccountEndpoints.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    private static IResult Forbidden(string workspaceId) =>
        AccountEndpoints.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, $"Workspace '{workspaceId}' is not one of yours.");

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
