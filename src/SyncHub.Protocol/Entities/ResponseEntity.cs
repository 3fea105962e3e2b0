using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.Response"/>: a saved example response of its parent request.</summary>
public sealed class ResponseEntity : NamedEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.Response;

    /// <summary>The status text, e.g. "OK".</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>The status code, e.g. 200.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }

    /// <summary>Response headers (Postman's <c>header</c>).</summary>
    [JsonPropertyName("headers")] public KeyValueEntry[]? Headers { get; set; }

    /// <summary>The response body as text.</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>How to show the body: json, xml, html, text (Postman's <c>_postman_previewlanguage</c>).</summary>
    [JsonPropertyName("previewLanguage")] public string? PreviewLanguage { get; set; }

    /// <summary>Milliseconds the request took, when known.</summary>
    [JsonPropertyName("responseTime")] public double? ResponseTime { get; set; }

    /// <summary>The request as it was sent when the example was saved.</summary>
    [JsonPropertyName("originalRequest")] public SavedRequest? OriginalRequest { get; set; }
}
