using System.Text.Json;

namespace SyncHub.Protocol.Internal;

/// <summary>
/// Checks of one body's fields. Each check answers null when the field is fine (absent counts as fine unless
/// required), else a sentence naming the field and its JSON path, so a person can find what to fix.
/// </summary>
internal sealed class BodyRules(string kind)
{
    private readonly string _subject = (IsVowel(kind[0]) ? "An " : "A ") + kind;

    public string? RequiredText(JsonElement obj, string path, string field, bool allowBlank = false)
    {
        if (!obj.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.String || (!allowBlank && string.IsNullOrWhiteSpace(v.GetString())))
            return $"{_subject} needs a {(allowBlank ? "" : "non-empty ")}string field '{field}' (at {Join(path, field)}).";
        return null;
    }

    public string? Text(JsonElement obj, string path, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
            ? Expected(path, field, "a string")
            : null;

    public string? Flag(JsonElement obj, string path, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
            ? Expected(path, field, "true or false")
            : null;

    public string? Integer(JsonElement obj, string path, string field, long min = long.MinValue, long max = long.MaxValue, bool required = false)
    {
        if (!obj.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            return required ? $"{_subject} needs a number field '{field}' (at {Join(path, field)})." : null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= min && n <= max
            ? null
            : Expected(path, field, min == long.MinValue ? "a whole number" : max == long.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}");
    }

    public string? Number(JsonElement obj, string path, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)
            ? Expected(path, field, "a number")
            : null;

    public string? OneOf(JsonElement obj, string path, string field, IReadOnlyList<string> values)
    {
        if (!obj.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String && values.Contains(v.GetString()!)
            ? null
            : Expected(path, field, "one of " + string.Join(", ", values.Select(x => $"\"{x}\"")));
    }

    public string? Rank(JsonElement obj, string path, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null && !(v.ValueKind == JsonValueKind.String && EntityRank.IsValid(v.GetString()))
            ? Expected(path, field, "a rank: one or more of 0-9, A-Z, a-z, not ending in 0")
            : null;

    /// <summary>An optional object field, checked by <paramref name="check"/> when present.</summary>
    public string? Object(JsonElement obj, string path, string field, Func<JsonElement, string, string?> check)
    {
        if (!obj.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Object ? check(v, Join(path, field)) : Expected(path, field, "an object");
    }

    /// <summary>An optional array of objects, each checked by <paramref name="check"/>.</summary>
    public string? Objects(JsonElement obj, string path, string field, Func<JsonElement, string, string?> check)
    {
        if (!obj.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) return Expected(path, field, "an array");
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{Join(path, field)}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) return $"{_subject}'s '{field}' entries must be objects (at {itemPath}).";
            if (check(item, itemPath) is { } error) return error;
        }
        return null;
    }

    private string Expected(string path, string field, string what) => $"{_subject}'s field '{field}' must be {what} (at {Join(path, field)}).";

    private static string Join(string path, string field) => $"{path}.{field}";

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
