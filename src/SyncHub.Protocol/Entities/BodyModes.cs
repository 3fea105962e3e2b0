namespace SyncHub.Protocol.Entities;

/// <summary>Values of <see cref="HttpRequestBody.Mode"/>, the same as Postman's <c>body.mode</c>.</summary>
public static class BodyModes
{
    /// <summary>Text in <see cref="HttpRequestBody.Raw"/>.</summary>
    public const string Raw = "raw";
    /// <summary>application/x-www-form-urlencoded fields in <see cref="HttpRequestBody.UrlEncoded"/>.</summary>
    public const string UrlEncoded = "urlencoded";
    /// <summary>multipart/form-data parts in <see cref="HttpRequestBody.FormData"/>.</summary>
    public const string FormData = "formdata";
    /// <summary>A GraphQL query in <see cref="HttpRequestBody.GraphQL"/>.</summary>
    public const string GraphQL = "graphql";
    /// <summary>A whole file in <see cref="HttpRequestBody.File"/>.</summary>
    public const string File = "file";

    /// <summary>Every mode.</summary>
    public static IReadOnlyList<string> All { get; } = [Raw, UrlEncoded, FormData, GraphQL, File];
}
