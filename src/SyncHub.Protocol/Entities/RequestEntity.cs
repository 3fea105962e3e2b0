using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.Request"/>: a saved HTTP request in a collection or folder.</summary>
public sealed class RequestEntity : NamedEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.Request;

    /// <summary>Text for a person (Markdown).</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }

    /// <summary>The HTTP method (GET, POST, ... or a custom one).</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }

    /// <summary>The URL as typed, with its query and <c>{{variables}}</c> (Postman's <c>url.raw</c>).</summary>
    [JsonPropertyName("url")]
#pragma warning disable CA1056 // A URL with {{variables}} is not a System.Uri.
    public string? Url { get; set; }
#pragma warning restore CA1056

    /// <summary>Headers (Postman's <c>header</c>).</summary>
    [JsonPropertyName("headers")] public KeyValueEntry[]? Headers { get; set; }

    /// <summary>Query parameters, also in <see cref="Url"/> (Postman's <c>url.query</c>).</summary>
    [JsonPropertyName("query")] public KeyValueEntry[]? Query { get; set; }

    /// <summary>Values of <c>:name</c> path segments (Postman's <c>url.variable</c>).</summary>
    [JsonPropertyName("pathVariables")] public KeyValueEntry[]? PathVariables { get; set; }

    /// <summary>The body sent; null sends none.</summary>
    [JsonPropertyName("body")] public HttpRequestBody? Body { get; set; }

    /// <summary>Auth for this request; null inherits the parent's.</summary>
    [JsonPropertyName("auth")] public AuthSettings? Auth { get; set; }

    /// <summary>Script run before the request.</summary>
    [JsonPropertyName("preRequestScript")] public string? PreRequestScript { get; set; }

    /// <summary>Script run after the response (tests).</summary>
    [JsonPropertyName("testScript")] public string? TestScript { get; set; }
}
