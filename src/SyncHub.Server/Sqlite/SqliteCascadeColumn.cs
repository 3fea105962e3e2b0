using System.Buffers;
using System.Text;
using System.Text.Json;
using SyncHub.Protocol;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// The <c>changes.cascade</c> column: a cascaded delete's descendants as a JSON array
/// (<c>[{"entityId":..,"kind":..,"parentId":..,"version":..}]</c>), the same names as on the wire, so the row
/// alone is enough to replay the change in a page, a snapshot or an answer to a retry.
/// </summary>
internal static class SqliteCascadeColumn
{
    public static string Write(IReadOnlyList<CascadedDelete> cascade)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * cascade.Count + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var d in cascade)
            {
                writer.WriteStartObject();
                writer.WriteString("entityId", d.EntityId);
                writer.WriteString("kind", d.Kind);
                if (d.ParentId is null) writer.WriteNull("parentId");
                else writer.WriteString("parentId", d.ParentId);
                writer.WriteNumber("version", d.Version);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static CascadedDelete[] Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new CascadedDelete[doc.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            list[i++] = new CascadedDelete
            {
                EntityId = item.GetProperty("entityId").GetString() ?? string.Empty,
                Kind = item.GetProperty("kind").GetString() ?? string.Empty,
                ParentId = item.GetProperty("parentId").GetString(),
                Version = item.GetProperty("version").GetInt64(),
            };
        }
        return list;
    }
}
