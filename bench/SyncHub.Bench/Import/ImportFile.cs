using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SyncHub.Bench.Import;

/// <summary>A Postman v2.1.0 collection of many realistic requests (headers, query, a JSON body, a test script), built for the import benchmark.</summary>
internal static class ImportFile
{
    public static byte[] Create(int requests, int folders)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("info");
            w.WriteString("_postman_id", "6f1b3a52-0d1c-4f0e-9a57-bench0000001");
            w.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"Bench API ({requests} requests)"));
            w.WriteString("schema", "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
            w.WriteEndObject();
            w.WriteStartArray("item");
            var perFolder = (requests + folders - 1) / folders;
            for (var f = 0; f < folders; f++)
            {
                w.WriteStartObject();
                w.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"Resource {f}"));
                w.WriteStartArray("item");
                for (var r = f * perFolder; r < Math.Min(requests, (f + 1) * perFolder); r++) WriteRequest(w, f, r);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("variable");
            w.WriteStartObject();
            w.WriteString("key", "base");
            w.WriteString("value", "https://api.example.com");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteRequest(Utf8JsonWriter w, int folder, int r)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteStartObject();
        w.WriteString("name", string.Create(inv, $"Update item {r} of resource {folder}"));
        w.WriteStartArray("event");
        w.WriteStartObject();
        w.WriteString("listen", "test");
        w.WriteStartObject("script");
        w.WriteStartArray("exec");
        w.WriteStringValue("pm.test(\"Status code is 200\", function () {");
        w.WriteStringValue("    pm.response.to.have.status(200);");
        w.WriteStringValue("});");
        w.WriteEndArray();
        w.WriteString("type", "text/javascript");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("request");
        w.WriteString("method", "PUT");
        w.WriteStartArray("header");
        foreach (var (k, v) in new[] { ("Content-Type", "application/json"), ("Accept", "application/json"), ("X-Request-Id", string.Create(inv, $"{{{{$guid}}}}-{r}")) })
        {
            w.WriteStartObject();
            w.WriteString("key", k);
            w.WriteString("value", v);
            w.WriteString("type", "text");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("body");
        w.WriteString("mode", "raw");
        var body = new StringBuilder();
        body.Append(inv, $"{{\n  \"id\": {r},\n  \"resource\": {folder},\n  \"name\": \"Item {r}\",\n  \"tags\": [");
        for (var t = 0; t < 12; t++) body.Append(inv, $"{(t > 0 ? ", " : string.Empty)}\"tag-{t}-{r % 97}\"");
        body.Append("],\n  \"description\": \"");
        body.Append('x', 400);
        body.Append("\"\n}");
        w.WriteString("raw", body.ToString());
        w.WriteStartObject("options");
        w.WriteStartObject("raw");
        w.WriteString("language", "json");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("url");
        w.WriteString("raw", string.Create(inv, $"{{{{base}}}}/resources/{folder}/items/{r}?expand=owner&version=2"));
        w.WriteStartArray("host");
        w.WriteStringValue("{{base}}");
        w.WriteEndArray();
        w.WriteStartArray("path");
        w.WriteStringValue("resources");
        w.WriteStringValue(folder.ToString(inv));
        w.WriteStringValue("items");
        w.WriteStringValue(r.ToString(inv));
        w.WriteEndArray();
        w.WriteStartArray("query");
        foreach (var (k, v) in new[] { ("expand", "owner"), ("version", "2") })
        {
            w.WriteStartObject();
            w.WriteString("key", k);
            w.WriteString("value", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("description", string.Create(inv, $"Replaces item {r} of resource {folder}. Needs the `items:write` scope."));
        w.WriteEndObject();
        w.WriteStartArray("response");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
