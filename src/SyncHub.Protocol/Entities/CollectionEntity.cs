using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.Collection"/>: a root that holds folders and requests.</summary>
public sealed class CollectionEntity : NamedEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.Collection;

    /// <summary>Text for a person (Markdown); Postman's <c>{content, type}</c> form is flattened to its content.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }

    /// <summary>The auth its folders and requests inherit; null inherits nothing (no auth).</summary>
    [JsonPropertyName("auth")] public AuthSettings? Auth { get; set; }

    /// <summary>Collection variables (Postman's <c>variable</c>).</summary>
    [JsonPropertyName("variables")] public CollectionVariable[]? Variables { get; set; }

    /// <summary>Script run before every request of the collection (Postman's <c>event</c> with <c>listen: "prerequest"</c>, lines joined by "\n").</summary>
    [JsonPropertyName("preRequestScript")] public string? PreRequestScript { get; set; }

    /// <summary>Script run after every request of the collection (Postman's <c>event</c> with <c>listen: "test"</c>).</summary>
    [JsonPropertyName("testScript")] public string? TestScript { get; set; }
}
