using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>A GraphQL body: the query and its variables as JSON text, as Postman keeps them.</summary>
public sealed class GraphQLBody : EntityPart
{
    /// <summary>The query document.</summary>
    [JsonPropertyName("query")] public string? Query { get; set; }

    /// <summary>The variables, as JSON text.</summary>
    [JsonPropertyName("variables")] public string? Variables { get; set; }
}
