using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncHub.Client.Internal;

/// <summary>Reads and sets the optional <c>rank</c> field of an entity body, leaving every other field as it came.</summary>
internal static class RankedBody
{
    // Relaxed escaping: a name in another script stays readable text instead of turning into \uXXXX escapes.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? ReadRank(string? body)
    {
        if (body is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("rank", out var rank) && rank.ValueKind == JsonValueKind.String
                ? rank.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><paramref name="body"/> (a JSON object) with its rank set to <paramref name="rank"/>.</summary>
    public static string WithRank(string body, string rank)
    {
        using (var doc = JsonDocument.Parse(body))
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("rank", out _))
            {
                // No rank yet: insert it before the closing brace, so the rest stays byte for byte what the app wrote.
                var close = body.LastIndexOf('}');
                var separator = root.EnumerateObject().Any() ? "," : string.Empty;
                return string.Concat(body[..close], separator, "\"rank\":", JsonSerializer.Serialize(rank), body[close..]);
            }
        }
        var node = JsonNode.Parse(body)!.AsObject();
        node["rank"] = rank;
        return node.ToJsonString(WriteOptions);
    }
}
