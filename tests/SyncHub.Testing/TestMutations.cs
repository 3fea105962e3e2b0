using System.Text.Json;
using SyncHub.Protocol;

namespace SyncHub.Testing;

/// <summary>Builds valid mutations (each with a fresh mutationId) for tests and benchmarks.</summary>
public static class TestMutations
{
    /// <summary>A JSON body with a name and optional extra fields.</summary>
    public static string Body(string name, IReadOnlyDictionary<string, object?>? fields = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name };
        if (fields is not null)
        {
            foreach (var (key, value) in fields) body[key] = value;
        }
        return JsonSerializer.Serialize(body);
    }

    /// <summary>Creates a collection.</summary>
    public static Mutation CreateCollection(string workspaceId, string? entityId = null, string name = "Collection") =>
        Create(workspaceId, EntityKinds.Collection, entityId ?? EntityIds.New(), null, Body(name));

    /// <summary>Creates a folder under a collection or folder.</summary>
    public static Mutation CreateFolder(string workspaceId, string parentId, string? entityId = null, string name = "Folder") =>
        Create(workspaceId, EntityKinds.Folder, entityId ?? EntityIds.New(), parentId, Body(name));

    /// <summary>Creates a request under a collection or folder.</summary>
    public static Mutation CreateRequest(string workspaceId, string parentId, string? entityId = null, string name = "Request", string method = "GET", string url = "https://example.test/") =>
        Create(workspaceId, EntityKinds.Request, entityId ?? EntityIds.New(), parentId, Body(name, new Dictionary<string, object?> { ["method"] = method, ["url"] = url }));

    /// <summary>A create of any kind with a given body.</summary>
    public static Mutation Create(string workspaceId, string kind, string entityId, string? parentId, string? body) => new()
    {
        MutationId = Guid.NewGuid().ToString(),
        WorkspaceId = workspaceId,
        Op = MutationOps.Create,
        Kind = kind,
        EntityId = entityId,
        ParentId = parentId,
        Body = body,
        BaseVersion = 0,
    };

    /// <summary>An update of an entity edited at <paramref name="baseVersion"/>.</summary>
    public static Mutation Update(string workspaceId, string kind, string entityId, string? parentId, string body, long baseVersion) => new()
    {
        MutationId = Guid.NewGuid().ToString(),
        WorkspaceId = workspaceId,
        Op = MutationOps.Update,
        Kind = kind,
        EntityId = entityId,
        ParentId = parentId,
        Body = body,
        BaseVersion = baseVersion,
    };

    /// <summary>A delete of an entity edited at <paramref name="baseVersion"/>.</summary>
    public static Mutation Delete(string workspaceId, string kind, string entityId, long baseVersion) => new()
    {
        MutationId = Guid.NewGuid().ToString(),
        WorkspaceId = workspaceId,
        Op = MutationOps.Delete,
        Kind = kind,
        EntityId = entityId,
        BaseVersion = baseVersion,
    };
}
