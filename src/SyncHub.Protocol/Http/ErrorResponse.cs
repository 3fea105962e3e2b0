using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Http;

/// <summary>Body of every HTTP error: a stable <see cref="ErrorCodes"/> value and a sentence for a person.</summary>
public sealed record ErrorResponse(string Code, string Message)
{
    /// <summary>For <see cref="ErrorCodes.InvalidFile"/>: the JSON path of the value that is wrong (e.g. <c>$.item[3].request.url</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }
}
