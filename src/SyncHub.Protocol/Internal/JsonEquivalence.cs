using System.Globalization;
using System.Text.Json;

namespace SyncHub.Protocol.Internal;

/// <summary>
/// JSON semantic equality: objects equal whatever the order of their properties (a repeated name counts once,
/// the last wins, as when reading), arrays in order, strings after unescaping, numbers by value (1 = 1.0 = 1e0).
/// </summary>
internal static class JsonEquivalence
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = LastWins(a);
                var right = LastWins(b);
                if (left.Count != right.Count) return false;
                foreach (var (name, value) in left)
                {
                    if (!right.TryGetValue(name, out var other) || !AreEqual(value, other)) return false;
                }
                return true;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return false;
                using (var x = a.EnumerateArray())
                using (var y = b.EnumerateArray())
                {
                    while (x.MoveNext() && y.MoveNext())
                    {
                        if (!AreEqual(x.Current, y.Current)) return false;
                    }
                }
                return true;
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(a, b);
            default:
                return true; // true, false, null: the kind is the value
        }
    }

    /// <summary>The properties of an object, a repeated name keeping its last value.</summary>
    public static Dictionary<string, JsonElement> LastWins(JsonElement obj)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject()) map[p.Name] = p.Value;
        return map;
    }

    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        var x = a.GetRawText();
        var y = b.GetRawText();
        if (string.Equals(x, y, StringComparison.Ordinal)) return true;
        if (decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
            && decimal.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy))
            return dx == dy;
        // Beyond decimal's range: compare as doubles, which is as close as JSON readers get.
        return a.TryGetDouble(out var fx) && b.TryGetDouble(out var fy) && fx.Equals(fy);
    }
}
