using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>The writer's view of the entities: bodies parsed once, children in rank order.</summary>
internal sealed class EntityTree
{
    private readonly Dictionary<string, EntityNode> _byId = new(StringComparer.Ordinal);

    public EntityTree(IReadOnlyCollection<PostmanEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var entity in entities)
        {
            JsonObject body;
            try
            {
                body = JsonNode.Parse(entity.Body) as JsonObject ?? throw new ArgumentException($"The body of entity '{entity.Id}' is not a JSON object.", nameof(entities));
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The body of entity '{entity.Id}' is not valid JSON: {ex.Message}", nameof(entities), ex);
            }
            var residual = body[PostmanResidual.BodyKey] as JsonObject;
            body.Remove(PostmanResidual.BodyKey);
            var rank = PostmanValues.LooseText(body["rank"]);
            body.Remove("rank");
            _byId[entity.Id] = new EntityNode(entity, body, residual, rank);
        }
        foreach (var node in _byId.Values)
        {
            if (node.Entity.ParentId is { } parent && _byId.TryGetValue(parent, out var p)) p.Children.Add(node);
            else if (node.Entity.ParentId is null) Roots.Add(node);
        }
        foreach (var node in _byId.Values) Sort(node.Children);
        Sort(Roots);
    }

    public List<EntityNode> Roots { get; } = [];

    public EntityNode Get(string id, string kind, string parameter)
    {
        if (!_byId.TryGetValue(id, out var node) || node.Entity.Kind != kind)
            throw new ArgumentException($"'{id}' is not a {kind} among the entities.", parameter);
        return node;
    }

    private static void Sort(List<EntityNode> nodes) =>
        nodes.Sort((a, b) => EntityRank.Compare(a.Rank, b.Rank) is var c and not 0 ? c : string.CompareOrdinal(a.Entity.Id, b.Entity.Id));
}
