using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Reads a v1 collection: flat <c>folders</c> and <c>requests</c> lists tied together by the <c>order</c> and
/// <c>folders_order</c> id lists (and a request's <c>folder</c>). Within a parent, folders come first, then requests,
/// as Postman shows them. The old ids stay in each residual, so a dump written back refers to the same ids.
/// </summary>
internal sealed class CollectionV1Reader(ImportBuilder builder)
{
    private const string Format = PostmanResidual.V1;

    private sealed record Entry(JsonObject Obj, int Index, bool IsFolder, string Path)
    {
        public bool Unlisted { get; set; }
    }

    private readonly Dictionary<Entry, List<Entry>> _children = [];
    private readonly List<Entry> _root = [];

    public void Read(JsonObject collection, string path, string rank)
    {
        var folders = Entries(collection, path, "folders", isFolder: true);
        var requests = Entries(collection, path, "requests", isFolder: false);
        var folderById = ById(folders);
        var requestById = ById(requests);
        var placed = new HashSet<Entry>();

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in folders) referenced.UnionWith(Ids(f.Obj["folders_order"]));

        // Folders: the collection's folders_order, then each folder's, then any folder no list names (at the root).
        var hasFoldersOrder = collection["folders_order"] is JsonArray;
        foreach (var id in Ids(collection["folders_order"])) Place(folderById, id, _root, placed);
        var queue = new Queue<Entry>(_root.Where(e => e.IsFolder));
        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            var list = ChildrenOf(folder);
            foreach (var id in Ids(folder.Obj["folders_order"]))
            {
                if (Place(folderById, id, list, placed) is { } sub) queue.Enqueue(sub);
            }
        }
        foreach (var folder in folders.Where(f => !placed.Contains(f)))
        {
            placed.Add(folder);
            folder.Unlisted = hasFoldersOrder || referenced.Contains(LooseId(folder.Obj) ?? string.Empty);
            _root.Add(folder);
            foreach (var id in Ids(folder.Obj["folders_order"])) Place(folderById, id, ChildrenOf(folder), placed);
        }

        // Requests: each folder's order, the collection's order, then any request no list names (in its folder, or at the root).
        foreach (var folder in folders)
        {
            foreach (var id in Ids(folder.Obj["order"])) Place(requestById, id, ChildrenOf(folder), placed);
        }
        foreach (var id in Ids(collection["order"])) Place(requestById, id, _root, placed);
        foreach (var request in requests.Where(r => !placed.Contains(r)))
        {
            placed.Add(request);
            request.Unlisted = true;
            var parentId = PostmanValues.LooseText(request.Obj["folder"]);
            (parentId is not null && folderById.TryGetValue(parentId, out var parent) ? ChildrenOf(parent) : _root).Add(request);
        }

        var typed = new JsonObject();
        var residual = new JsonObject();
        ObjectMapper.Read(collection, path, V1Shapes.Collection, typed, residual, Format);
        var collectionId = builder.Add(EntityKinds.Collection, null, typed, residual, rank, Format, path);
        AddChildren(_root, collectionId);
    }

    private void AddChildren(List<Entry> children, string parentId)
    {
        // Folders first, then requests, each in list order: how Postman shows a v1 collection.
        var ordered = children.Where(c => c.IsFolder).Concat(children.Where(c => !c.IsFolder)).ToList();
        var ranks = EntityRank.Sequence(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var entry = ordered[i];
            var typed = new JsonObject();
            var residual = new JsonObject();
            ObjectMapper.Read(entry.Obj, entry.Path, entry.IsFolder ? V1Shapes.Folder : V1Shapes.Request, typed, residual, Format);
            residual[PostmanResidual.IndexKey] = entry.Index;
            if (entry.Unlisted) residual[PostmanResidual.UnlistedKey] = true;
            if (entry.IsFolder)
            {
                var id = builder.Add(EntityKinds.Folder, parentId, typed, residual, ranks[i], Format, entry.Path);
                AddChildren(ChildrenOf(entry), id);
            }
            else
            {
                var responses = PostmanValues.Array(entry.Obj, entry.Path, "responses");
                var id = builder.Add(EntityKinds.Request, parentId, typed, residual, ranks[i], Format, entry.Path);
                if (responses is not null) AddResponses(responses, ObjectMapper.Path(entry.Path, "responses"), id);
            }
        }
    }

    private void AddResponses(JsonArray responses, string path, string requestId)
    {
        var ranks = EntityRank.Sequence(responses.Count);
        for (var i = 0; i < responses.Count; i++)
        {
            var response = PostmanValues.ItemObject(responses[i], path, i);
            var typed = new JsonObject();
            var residual = new JsonObject();
            ObjectMapper.Read(response, $"{path}[{i}]", V1Shapes.Response, typed, residual, Format);
            builder.Add(EntityKinds.Response, requestId, typed, residual, ranks[i], Format, $"{path}[{i}]");
        }
    }

    private List<Entry> ChildrenOf(Entry folder)
    {
        if (!_children.TryGetValue(folder, out var list)) _children[folder] = list = [];
        return list;
    }

    private static Entry? Place(Dictionary<string, Entry> byId, string id, List<Entry> target, HashSet<Entry> placed)
    {
        if (!byId.TryGetValue(id, out var entry) || !placed.Add(entry)) return null;
        target.Add(entry);
        return entry;
    }

    private static List<Entry> Entries(JsonObject collection, string path, string key, bool isFolder)
    {
        var list = PostmanValues.Array(collection, path, key);
        var result = new List<Entry>();
        if (list is null) return result;
        var p = ObjectMapper.Path(path, key);
        for (var i = 0; i < list.Count; i++) result.Add(new Entry(PostmanValues.ItemObject(list[i], p, i), i, isFolder, $"{p}[{i}]"));
        return result;
    }

    private static Dictionary<string, Entry> ById(List<Entry> entries)
    {
        var map = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (LooseId(e.Obj) is { } id) map.TryAdd(id, e);
        }
        return map;
    }

    private static string? LooseId(JsonObject obj) => PostmanValues.LooseText(obj["id"]);

    private static IEnumerable<string> Ids(JsonNode? list) =>
        list is JsonArray array ? array.Select(PostmanValues.LooseText).OfType<string>() : [];
}
