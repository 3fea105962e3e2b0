using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.Folder"/>: a group of requests and folders in a collection or folder.</summary>
public sealed class FolderEntity : NamedEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.Folder;

    /// <summary>Text for a person (Markdown).</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }

    /// <summary>Auth for the folder's requests; null inherits the parent's.</summary>
    [JsonPropertyName("auth")] public AuthSettings? Auth { get; set; }

    /// <summary>Folder variables (Postman's <c>variable</c> of an item-group).</summary>
    [JsonPropertyName("variables")] public CollectionVariable[]? Variables { get; set; }

    /// <summary>Script run before every request of the folder.</summary>
    [JsonPropertyName("preRequestScript")] public string? PreRequestScript { get; set; }

    /// <summary>Script run after every request of the folder.</summary>
    [JsonPropertyName("testScript")] public string? TestScript { get; set; }
}
