using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The request a saved response came from (Postman's <c>originalRequest</c>): the sending parts of a <see cref="RequestEntity"/>.</summary>
public sealed class SavedRequest : EntityPart
{
    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }

    /// <summary>The URL as sent.</summary>
    [JsonPropertyName("url")]
#pragma warning disable CA1056 // A URL with {{variables}} is not a System.Uri.
    public string? Url { get; set; }
#pragma warning restore CA1056

    /// <summary>Headers sent.</summary>
    [JsonPropertyName("headers")] public KeyValueEntry[]? Headers { get; set; }

    /// <summary>Query parameters sent.</summary>
    [JsonPropertyName("query")] public KeyValueEntry[]? Query { get; set; }

    /// <summary>The body sent.</summary>
    [JsonPropertyName("body")] public HttpRequestBody? Body { get; set; }

    /// <summary>The auth used.</summary>
    [JsonPropertyName("auth")] public AuthSettings? Auth { get; set; }
}
