using System.Globalization;
using System.Text.Json;

namespace SyncHub.Postman.Tests;

/// <summary>Compares two JSON trees as the round trip promises: members as sets, arrays in order, numbers by value, strings exactly.</summary>
internal static class JsonDiff
{
    /// <summary>The first path where they differ, with both values, or null when they are equivalent.</summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
            return $"{path}: expected {Show(expected)}, got {Show(actual)}";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var a = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var b = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var (name, value) in a)
                {
                    if (!b.TryGetValue(name, out var other)) return $"{path}.{name}: missing (expected {Show(value)})";
                    if (FirstDifference(value, other, $"{path}.{name}") is { } d) return d;
                }
                foreach (var name in b.Keys)
                {
                    if (!a.ContainsKey(name)) return $"{path}.{name}: not expected (got {Show(b[name])})";
                }
                return null;
            case JsonValueKind.Array:
                var x = expected.EnumerateArray().ToList();
                var y = actual.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
                {
                    if (FirstDifference(x[i], y[i], $"{path}[{i}]") is { } d) return d;
                }
                return x.Count == y.Count ? null : $"{path}: expected {x.Count} entries, got {y.Count}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
            case JsonValueKind.Number:
                var same = expected.GetRawText() == actual.GetRawText()
                    || (decimal.TryParse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
                        && decimal.TryParse(actual.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && m == n);
                return same ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return null;
        }
    }

    private static string Show(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
