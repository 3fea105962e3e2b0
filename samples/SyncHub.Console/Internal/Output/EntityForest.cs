using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>The workspace's entities arranged as trees under their collections, in a stable order.</summary>
internal sealed class EntityForest
{
    private readonly Dictionary<string, List<LocalEntity>> _children = new(StringComparer.Ordinal);

    public EntityForest(IReadOnlyList<LocalEntity> entities)
    {
        var ids = entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var roots = new List<LocalEntity>();
        foreach (var entity in entities)
        {
            // An entity whose parent is gone (deleted on another device) still shows, at the top.
            if (entity.ParentId is null || !ids.Contains(entity.ParentId))
            {
                roots.Add(entity);
                continue;
            }
            if (!_children.TryGetValue(entity.ParentId, out var list)) _children[entity.ParentId] = list = [];
            list.Add(entity);
        }
        Roots = Sort(roots);
        foreach (var key in _children.Keys.ToList()) _children[key] = Sort(_children[key]);
    }

    public IReadOnlyList<LocalEntity> Roots { get; }

    public IReadOnlyList<LocalEntity> ChildrenOf(string id) => _children.TryGetValue(id, out var list) ? list : [];

    /// <summary>Every entity, parents before their children.</summary>
    public IEnumerable<LocalEntity> PreOrder()
    {
        var stack = new Stack<LocalEntity>(Roots.Reverse());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            if (!seen.Add(entity.Id)) continue;
            yield return entity;
            foreach (var child in ChildrenOf(entity.Id).Reverse()) stack.Push(child);
        }
    }

    /// <summary>Everything inside <paramref name="id"/>, children after their own children (the order to delete in).</summary>
    public IReadOnlyList<LocalEntity> DescendantsDeepestFirst(string id)
    {
        var result = new List<LocalEntity>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        void Visit(string parent)
        {
            foreach (var child in ChildrenOf(parent))
            {
                if (!seen.Add(child.Id)) continue;
                Visit(child.Id);
                result.Add(child);
            }
        }
        Visit(id);
        return result;
    }

    public static string NameOf(LocalEntity entity) =>
        EntityBodies.Field(entity.Body, "name") ?? EntityBodies.Field(entity.Body, "key") ?? string.Empty;

    public static string? RankOf(LocalEntity entity) => EntityBodies.Field(entity.Body, "rank");

    // The order the library keeps (SyncClient.GetChildren): by rank, unranked after, ties by id; roots grouped by kind first.
    private static List<LocalEntity> Sort(List<LocalEntity> entities) =>
        entities
            .OrderBy(e => e.ParentId is null ? KindOrder(e.Kind) : 0)
            .ThenBy(RankOf, EntityRank.Comparer)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

    private static int KindOrder(string kind) => kind switch
    {
        EntityKinds.Collection => 0,
        EntityKinds.Environment => 1,
        EntityKinds.GlobalVariable => 2,
        EntityKinds.HeaderPreset => 3,
        _ => 4,
    };
}
