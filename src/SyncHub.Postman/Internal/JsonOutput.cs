using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>Postman's own output style: tab-indented UTF-8, non-ASCII text raw, no trailing newline.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Writes <paramref name="obj"/>; its children members (<paramref name="childKeys"/>) are written by <paramref name="children"/>, which says whether it has any.</summary>
    public static void WriteObject(Utf8JsonWriter writer, JsonObject obj, IReadOnlySet<string> childKeys, Func<string, bool> hasChildren, Action<string> children)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in obj)
        {
            if (childKeys.Contains(name))
            {
                var when = value?.GetValueKind();
                var mode = when == JsonValueKind.String ? value!.GetValue<string>() : null;
                if (mode == "never" || (when == JsonValueKind.False && !hasChildren(name))) continue;
                writer.WritePropertyName(name);
                if (mode == "null" && !hasChildren(name)) writer.WriteNullValue();
                else children(name);
                continue;
            }
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }
}
