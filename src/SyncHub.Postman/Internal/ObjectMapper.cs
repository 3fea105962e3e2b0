using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Maps one Postman object to typed fields and a residual (unknown members as they came, plus form memory of the
/// members whose canonical form differs from the original), and back.
/// </summary>
internal static class ObjectMapper
{
    /// <summary>Residual member listing the keys of a group that were missing in the original (so the writer leaves them out).</summary>
    public const string AbsentKey = "$absent";

    /// <summary>Residual member listing the children lists that were null in the original.</summary>
    public const string NullKey = "$null";

    /// <summary>Residual member holding unknown Postman members whose names would clash with the residual's own ones.</summary>
    public const string ClashKey = "$keys";

    public static void Read(JsonObject src, string path, ObjectShape shape, JsonObject typed, JsonObject residual, string format)
    {
        foreach (var member in shape.Members)
        {
            switch (member)
            {
                case FieldMap f:
                    ReadField(src, path, f, typed, residual, format);
                    break;
                case NestedMap n:
                    ReadNested(src, path, n, typed, residual, format);
                    break;
                case ChildrenSlot c when !src.ContainsKey(c.Key):
                    AddAbsent(residual, c.Key);
                    break;
                case ChildrenSlot c when src[c.Key] is null:
                    if (residual[NullKey] is not JsonArray nulls) residual[NullKey] = nulls = [];
                    nulls.Add(c.Key);
                    break;
            }
        }
        List<string>? unknown = null;
        foreach (var (name, _) in src)
        {
            if (!shape.AllKeys.Contains(name)) (unknown ??= []).Add(name);
        }
        if (unknown is null) return;
        foreach (var name in unknown)
        {
            // Detached, not copied: the source tree is dropped after reading, and a copy would double the memory.
            var value = src[name];
            src.Remove(name);
            if (IsReserved(name))
            {
                if (residual[ClashKey] is not JsonObject clash) residual[ClashKey] = clash = [];
                clash[name] = value;
            }
            else
            {
                residual[name] = value;
            }
        }
    }

    public static JsonObject Write(JsonObject typed, JsonObject? residual, ObjectShape shape, string format, bool useMemory, bool useUnknown)
    {
        var dst = new JsonObject();
        var absent = useMemory ? Names(residual, AbsentKey) : [];
        var nulls = useMemory ? Names(residual, NullKey) : [];
        foreach (var member in shape.Members)
        {
            switch (member)
            {
                case FieldMap f:
                    if (!(useMemory && residual is not null && TryWriteMemory(f, typed, residual, absent, dst, format)))
                        f.Write(typed, dst, format);
                    break;
                case NestedMap n:
                    WriteNested(n, typed, residual, dst, format, useMemory, useUnknown);
                    break;
                case ChildrenSlot c:
                    // true: always written (an empty array too); false: the original had none, so written only when there are
                    // children; "never": the original's layout has no such list; "null": null when there are none.
                    dst[c.Key] = nulls.Contains(c.Key) ? JsonValue.Create("null")
                        : !absent.Contains(c.Key) ? JsonValue.Create(true)
                        : c.NeverWhenAbsent ? JsonValue.Create("never")! : JsonValue.Create(false);
                    break;
                case UnknownSlot when useUnknown && residual is not null:
                    foreach (var (name, value) in residual)
                    {
                        if (!shape.AllKeys.Contains(name) && !IsReserved(name) && name != PostmanResidual.FormatKey) dst[name] = value?.DeepClone();
                    }
                    if (residual[ClashKey] is JsonObject clash)
                    {
                        foreach (var (name, value) in clash) dst[name] = value?.DeepClone();
                    }
                    break;
            }
        }
        // Postman writes an object's id first; the fixed order puts unknown members (ids among them) in one place.
        foreach (var id in LeadingIds)
        {
            if (dst.TryGetPropertyValue(id, out var value) && dst.IndexOf(id) > 0)
            {
                dst.Remove(id);
                dst.Insert(0, id, value);
            }
        }
        return dst;
    }

    private static readonly string[] LeadingIds = ["id", "_postman_id"];

    public static string Path(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0]) ? $"{path}.{key}" : $"{path}['{key}']";

    public static void AddAbsent(JsonObject residual, string key)
    {
        if (residual[AbsentKey] is not JsonArray list) residual[AbsentKey] = list = [];
        list.Add(key);
    }

    private static void ReadField(JsonObject src, string path, FieldMap f, JsonObject typed, JsonObject residual, string format)
    {
        var t = new JsonObject();
        f.Read(src, path, t, format);
        var canonical = new JsonObject();
        f.Write(t, canonical, format);
        if (!GroupEquals(src, canonical, f.Keys))
        {
            var group = new JsonObject();
            foreach (var key in f.Keys)
            {
                if (!src.TryGetPropertyValue(key, out var value))
                {
                    AddAbsent(residual, key);
                    continue;
                }
                src.Remove(key);
                group[key] = value;
            }
            if (f.Strip is not null && f.Fill is not null)
            {
                var stripped = f.Strip((JsonObject)group.DeepClone());
                if (GroupEquals(f.Fill((JsonObject)stripped.DeepClone(), t), group, f.Keys)) group = stripped;
            }
            // In a group, a member already in its canonical form is not kept: one neither kept nor listed as absent is the canonical one.
            if (f.Keys.Count > 1)
            {
                foreach (var key in f.Keys)
                {
                    if (group.TryGetPropertyValue(key, out var value) && canonical.TryGetPropertyValue(key, out var c) && JsonCompare.Strict(value, c))
                        group.Remove(key);
                }
            }
            foreach (var (key, value) in group.ToList())
            {
                group.Remove(key);
                residual[key] = value;
            }
        }
        foreach (var (key, value) in t.ToList())
        {
            t.Remove(key);
            typed[key] = value;
        }
    }

    private static void ReadNested(JsonObject src, string path, NestedMap n, JsonObject typed, JsonObject residual, string format)
    {
        var p = Path(path, n.Key);
        if (!src.TryGetPropertyValue(n.Key, out var value))
        {
            if (n.Required) throw new PostmanFormatException(p, $"'{n.Key}' is missing.");
            return;
        }
        var target = n.TypedKey is null ? typed : new JsonObject();
        if (value is JsonObject obj)
        {
            var sub = new JsonObject();
            Read(obj, p, n.Shape, target, sub, format);
            if (sub.Count > 0) residual[n.Key] = sub;
        }
        else
        {
            if (n.ReadOther is null) throw new PostmanFormatException(p, $"'{n.Key}' must be an object, not {PostmanValues.Describe(value)}.");
            n.ReadOther(value, p, target);
            src.Remove(n.Key);
            residual[n.Key] = value;
        }
        if (n.TypedKey is not null && (value is JsonObject || target.Count > 0)) typed[n.TypedKey] = target;
    }

    private static bool TryWriteMemory(FieldMap f, JsonObject typed, JsonObject residual, HashSet<string> absent, JsonObject dst, string format)
    {
        var has = false;
        var group = new JsonObject();
        foreach (var key in f.Keys)
        {
            if (residual.TryGetPropertyValue(key, out var value))
            {
                has = true;
                group[key] = value?.DeepClone();
            }
            else if (absent.Contains(key))
            {
                has = true;
            }
        }
        if (!has) return false;
        if (f.Keys.Count > 1)
        {
            var canonical = new JsonObject();
            f.Write(typed, canonical, format);
            foreach (var key in f.Keys)
            {
                if (!group.ContainsKey(key) && !absent.Contains(key) && canonical.TryGetPropertyValue(key, out var c)) group[key] = c?.DeepClone();
            }
        }
        if (f.Fill is not null) group = f.Fill(group, typed);
        var t = new JsonObject();
        try
        {
            f.Read(group, "$", t, format);
        }
        catch (PostmanFormatException)
        {
            return false;
        }
        if (!TypedEquals(t, typed, f.TypedKeys)) return false;
        foreach (var (key, value) in group.ToList())
        {
            group.Remove(key);
            dst[key] = value;
        }
        return true;
    }

    private static void WriteNested(NestedMap n, JsonObject typed, JsonObject? residual, JsonObject dst, string format, bool useMemory, bool useUnknown)
    {
        JsonNode? memory = null;
        if (useMemory && residual is not null && residual.TryGetPropertyValue(n.Key, out memory) && memory is not JsonObject && n.ReadOther is not null)
        {
            var target = new JsonObject();
            try
            {
                n.ReadOther(memory, "$", target);
                var same = n.TypedKey is null
                    ? TypedEquals(target, typed, n.Shape.TypedKeys)
                    : JsonCompare.Loose(target.Count > 0 ? target : null, typed[n.TypedKey]);
                if (same)
                {
                    dst[n.Key] = memory?.DeepClone();
                    return;
                }
            }
            catch (PostmanFormatException)
            {
                // An unreadable memory is ignored; the canonical form is written.
            }
        }
        var subTyped = n.TypedKey is null ? typed : typed[n.TypedKey] as JsonObject;
        if (subTyped is null) return;
        dst[n.Key] = Write(subTyped, memory as JsonObject ?? residual?[n.Key] as JsonObject, n.Shape, format, useMemory, useUnknown);
    }

    private static bool GroupEquals(JsonObject a, JsonObject b, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            var inA = a.TryGetPropertyValue(key, out var x);
            var inB = b.TryGetPropertyValue(key, out var y);
            if (inA != inB || (inA && !JsonCompare.Strict(x, y))) return false;
        }
        return true;
    }

    private static bool TypedEquals(JsonObject a, JsonObject b, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            if (!JsonCompare.Loose(a[key], b[key])) return false;
        }
        return true;
    }

    private static HashSet<string> Names(JsonObject? residual, string key)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (residual?[key] is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item?.GetValueKind() == System.Text.Json.JsonValueKind.String) set.Add(item.GetValue<string>());
            }
        }
        return set;
    }

    private static bool IsReserved(string name) => name.StartsWith('$') || name == PostmanResidual.FormatKey;
}
