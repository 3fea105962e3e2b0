using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol.Entities;
using static SyncHub.Postman.Internal.PostmanFields;
using static SyncHub.Postman.Internal.PostmanValues;

namespace SyncHub.Postman.Internal;

/// <summary>The members of environments, their values, globals values and header presets (exports and dumps alike).</summary>
internal static class VariableShapes
{
    public static ObjectShape Environment { get; } = new(
        Name("name", "name", required: false, fallback: "New Environment"),
        new ChildrenSlot("values"),
        UnknownSlot.Instance);

    public static ObjectShape Variable { get; } = new(
        Key,
        LooseText("value", "value"),
        Type,
        Flag("enabled", "enabled"),
        UnknownSlot.Instance);

    public static ObjectShape HeaderPreset { get; } = new(
        UnknownSlot.Instance,
        Name("name", "name", required: false, fallback: "New Header Preset"),
        KeyValues("headers", "headers", allowString: true));

    private static FieldMap Key => new(["key"], ["key"],
        (src, path, t, _) =>
        {
            var v = src["key"];
            if (v is null) throw new PostmanFormatException(ObjectMapper.Path(path, "key"), "A variable needs a 'key' (its name).");
            t["key"] = LooseText(v);
        },
        (t, dst, _) => Set(dst, "key", t["key"]?.DeepClone()));

    // The hub knows two types; Postman's older "text" and "any" are shown as they are, so they import as the default.
    private static FieldMap Type => new(["type"], ["type"],
        (src, _, t, _) =>
        {
            var v = src["type"];
            if (v?.GetValueKind() == JsonValueKind.String && VariableTypes.All.Contains(v.GetValue<string>())) t["type"] = v.GetValue<string>();
        },
        (t, dst, _) => Set(dst, "type", t["type"]?.DeepClone()));
}
