using System.Text.Json;
using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>The member maps shared by the Postman formats: plain values, names, descriptions, scripts, variables.</summary>
internal static class PostmanFields
{
    public static FieldMap Text(string key, string typedKey) => new([key], [typedKey],
        (src, path, t, _) => Set(t, typedKey, PostmanValues.Text(src, path, key)),
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    public static FieldMap LooseText(string key, string typedKey) => new([key], [typedKey],
        (src, _, t, _) => Set(t, typedKey, PostmanValues.LooseText(src[key])),
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    /// <summary>A name the hub requires: a missing or blank one is refused when <paramref name="required"/>, else it becomes <paramref name="fallback"/> (the original is kept as form memory).</summary>
    public static FieldMap Name(string key, string typedKey, bool required, string fallback) => new([key], [typedKey],
        (src, path, t, _) =>
        {
            var v = src[key];
            if (v?.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>()))
                t[typedKey] = v.GetValue<string>();
            else if (required)
                throw new PostmanFormatException(ObjectMapper.Path(path, key), v is null ? $"'{key}' is missing: a name is required." : $"'{key}' must be a non-empty string, not {(v.GetValueKind() == JsonValueKind.String ? "a blank one" : Describe(v))}.");
            else
                t[typedKey] = fallback;
        },
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    public static FieldMap Description(string key, string typedKey) => new([key], [typedKey],
        (src, path, t, _) => Set(t, typedKey, PostmanValues.Description(src, path, key)),
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    public static FieldMap Flag(string key, string typedKey) => new([key], [typedKey],
        (src, path, t, _) => Set(t, typedKey, PostmanValues.Flag(src, path, key)),
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    /// <summary>A member written with a value that depends only on the format (a collection's <c>schema</c>); an original that differs is kept.</summary>
    public static FieldMap Constant(string key, Func<string, string?> value) => new([key], [],
        (_, _, _, _) => { },
        (_, dst, format) => Set(dst, key, value(format)));

    public static FieldMap Number(string key, string typedKey) => new([key], [typedKey],
        (src, _, t, _) => { if (PostmanValues.Number(src[key]) is { } d) t[typedKey] = d; },
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    /// <summary>An HTTP status code; one outside 100-999 is not a code the hub takes, so it stays only in the form memory.</summary>
    public static FieldMap StatusCode(string key, string typedKey) => new([key], [typedKey],
        (src, _, t, _) =>
        {
            var v = src[key];
            if (v?.GetValueKind() == JsonValueKind.Number && v.AsValue().TryGetValue<int>(out var code) && code is >= 100 and <= 999) t[typedKey] = code;
        },
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    public static FieldMap KeyValues(string key, string typedKey, bool allowString = false) => new([key], [typedKey],
        (src, path, t, format) => Set(t, typedKey, KeyValueList.Read(src[key], ObjectMapper.Path(path, key), allowString, formData: false)),
        (t, dst, format) => Set(dst, key, KeyValueList.Write(t[typedKey] as JsonArray, format)));

    /// <summary>Collection and folder variables: entries with key, value (as text), type, disabled and description.</summary>
    public static FieldMap Variables(string key, string typedKey) => new([key], [typedKey],
        (src, path, t, _) =>
        {
            var list = Array(src, path, key);
            if (list is null) return;
            var result = new JsonArray();
            var p = ObjectMapper.Path(path, key);
            for (var i = 0; i < list.Count; i++)
            {
                var item = ItemObject(list[i], p, i);
                var ip = $"{p}[{i}]";
                var entry = new JsonObject { ["key"] = PostmanValues.LooseText(item["key"]) ?? string.Empty };
                Set(entry, "value", PostmanValues.LooseText(item["value"]));
                Set(entry, "type", PostmanValues.LooseText(item["type"]));
                Set(entry, "disabled", PostmanValues.Flag(item, ip, "disabled"));
                Set(entry, "description", PostmanValues.Description(item, ip, "description"));
                foreach (var (name, value) in item)
                {
                    if (name is not ("key" or "value" or "type" or "disabled" or "description")) entry[name] = value?.DeepClone();
                }
                result.Add(entry);
            }
            t[typedKey] = result;
        },
        (t, dst, _) => Set(dst, key, t[typedKey]?.DeepClone()));

    public static FieldMap Auth(string key) => new([key], ["auth"],
        (src, path, t, format) => Set(t, "auth", AuthMap.Read(src[key], ObjectMapper.Path(path, key))),
        (t, dst, format) => Set(dst, key, AuthMap.Write(t["auth"] as JsonObject, format)));

    public static FieldMap Events(string key) => new([key], ["preRequestScript", "testScript"],
        (src, path, t, _) => EventList.Read(src[key], ObjectMapper.Path(path, key), t),
        (t, dst, _) => Set(dst, key, EventList.Write(t)))
    {
        Strip = group => { EventList.Strip(group[key]); return group; },
        Fill = (group, typed) => { EventList.Fill(group[key], typed); return group; },
    };
}
