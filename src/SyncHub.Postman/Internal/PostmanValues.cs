using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>Reads Postman values with the checks and lenience the mapping needs; every refusal names the JSON path.</summary>
internal static class PostmanValues
{
    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    public static PostmanFormatException Wrong(string path, string key, string expected, JsonNode? value) =>
        new(ObjectMapper.Path(path, key), $"'{key}' must be {expected}, not {Describe(value)}.");

    /// <summary>A string member; null or missing gives null; anything else is refused.</summary>
    public static string? Text(JsonObject obj, string path, string key)
    {
        var v = obj[key];
        if (v is null) return null;
        return v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Wrong(path, key, "a string", v);
    }

    /// <summary>A member whose value should be text but which Postman files also hold as numbers, booleans or objects: those become their JSON text.</summary>
    public static string? LooseText(JsonNode? v) => v is null ? null : v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.Null => null,
        _ => v.ToJsonString(TextOptions),
    };

    public static bool? Flag(JsonObject obj, string path, string key)
    {
        var v = obj[key];
        if (v is null) return null;
        return v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(path, key, "true or false", v),
        };
    }

    /// <summary>A description: a string, or Postman's <c>{content, type}</c> object flattened to its content.</summary>
    public static string? Description(JsonObject obj, string path, string key)
    {
        var v = obj[key];
        if (v is null) return null;
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Object => LooseText(v["content"]),
            _ => throw Wrong(path, key, "a string or an object with 'content'", v),
        };
    }

    public static JsonArray? Array(JsonObject obj, string path, string key)
    {
        var v = obj[key];
        if (v is null) return null;
        return v as JsonArray ?? throw Wrong(path, key, "an array", v);
    }

    public static JsonObject ItemObject(JsonNode? item, string path, int index) =>
        item as JsonObject ?? throw new PostmanFormatException($"{path}[{index}]", $"Each entry must be an object, not {Describe(item)}.");

    public static double? Number(JsonNode? v)
    {
        if (v is null) return null;
        return v.GetValueKind() switch
        {
            JsonValueKind.Number => v.GetValue<double>(),
            JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    public static void Set(JsonObject obj, string key, string? value)
    {
        if (value is not null) obj[key] = value;
    }

    public static void Set(JsonObject obj, string key, JsonNode? value)
    {
        if (value is not null) obj[key] = value;
    }

    public static void Set(JsonObject obj, string key, bool? value)
    {
        if (value is not null) obj[key] = value.Value;
    }
}
