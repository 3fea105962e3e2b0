using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>One entity for the writer: its typed fields, its residual and where it came from.</summary>
internal sealed class EntityNode(PostmanEntity entity, JsonObject typed, JsonObject? residual, string? rank)
{
    public PostmanEntity Entity => entity;

    public JsonObject Typed => typed;

    public JsonObject? Residual => residual;

    public string? Rank => rank;

    /// <summary>The format the entity was read from, or null for one made in SyncHub.</summary>
    public string? Format => PostmanValues.LooseText(residual?[PostmanResidual.FormatKey]);

    public List<EntityNode> Children { get; } = [];
}
