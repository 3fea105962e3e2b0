using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body a request sends, in one of the <see cref="BodyModes"/>. Fields of the other modes are kept, as Postman keeps them.</summary>
public sealed class HttpRequestBody : EntityPart
{
    /// <summary>One of <see cref="BodyModes"/>; null sends no body.</summary>
    [JsonPropertyName("mode")] public string? Mode { get; set; }

    /// <summary>Mode raw: the text sent.</summary>
    [JsonPropertyName("raw")] public string? Raw { get; set; }

    /// <summary>Mode raw: the language of <see cref="Raw"/> (json, text, javascript, html, xml; Postman's <c>options.raw.language</c>).</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }

    /// <summary>Mode urlencoded: the fields.</summary>
    [JsonPropertyName("urlencoded")] public KeyValueEntry[]? UrlEncoded { get; set; }

    /// <summary>Mode formdata: the parts.</summary>
    [JsonPropertyName("formdata")] public FormDataPart[]? FormData { get; set; }

    /// <summary>Mode graphql: the query and its variables.</summary>
    [JsonPropertyName("graphql")] public GraphQLBody? GraphQL { get; set; }

    /// <summary>Mode file: the file sent.</summary>
    [JsonPropertyName("file")] public FileBody? File { get; set; }

    /// <summary>True when the body is kept but not sent; null means false.</summary>
    [JsonPropertyName("disabled")] public bool? Disabled { get; set; }
}
