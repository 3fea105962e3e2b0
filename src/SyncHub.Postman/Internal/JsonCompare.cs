using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>
/// JSON equality for the round trip: objects as sets of members, arrays in order, numbers by value, strings exactly.
/// Postman values compare strictly (a null member is not a missing one, since the file must come back the same);
/// typed values compare loosely (null equals missing), because the typed entity classes drop nulls when they re-serialise a body.
/// </summary>
internal static class JsonCompare
{
    public static bool Strict(JsonNode? a, JsonNode? b) => Equal(a, b, loose: false);

    public static bool Loose(JsonNode? a, JsonNode? b) => Equal(a, b, loose: true);

    private static bool Equal(JsonNode? a, JsonNode? b, bool loose)
    {
        if (a is null || b is null) return a is null && b is null;
        var kind = a.GetValueKind();
        if (kind != b.GetValueKind()) return false;
        switch (kind)
        {
            case JsonValueKind.Object:
                return ObjectsEqual(a.AsObject(), b.AsObject(), loose);
            case JsonValueKind.Array:
                var x = a.AsArray();
                var y = b.AsArray();
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++)
                {
                    if (!Equal(x[i], y[i], loose)) return false;
                }
                return true;
            case JsonValueKind.String:
                return string.Equals(a.GetValue<string>(), b.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(a.ToJsonString(), b.ToJsonString());
            default:
                return true;
        }
    }

    private static bool ObjectsEqual(JsonObject a, JsonObject b, bool loose)
    {
        if (!loose)
        {
            if (a.Count != b.Count) return false;
            foreach (var (name, value) in a)
            {
                if (!b.TryGetPropertyValue(name, out var other) || !Equal(value, other, loose)) return false;
            }
            return true;
        }
        foreach (var (name, value) in a)
        {
            b.TryGetPropertyValue(name, out var other);
            if (!Equal(value, other, loose)) return false;
        }
        foreach (var (name, value) in b)
        {
            if (value is not null && !a.ContainsKey(name)) return false;
        }
        return true;
    }

    private static bool NumbersEqual(string x, string y)
    {
        if (string.Equals(x, y, StringComparison.Ordinal)) return true;
        if (decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx)
            && decimal.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy))
            return dx == dy;
        return double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var fx)
            && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var fy)
            && fx.Equals(fy);
    }
}
