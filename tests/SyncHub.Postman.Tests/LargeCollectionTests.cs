using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SyncHub.Postman.Tests;

/// <summary>A collection of thousands of requests reads and writes whole.</summary>
public sealed class LargeCollectionTests
{
    private static readonly string RequestTemplate = """
        {"name": "Request $F.$R", "event": [{"listen": "test", "script": {"id": "s$R", "exec": ["pm.test('status', () => pm.response.to.have.status(200));", "// XX"], "type": "text/javascript"}}],
         "request": {"method": "POST", "header": [{"key": "Content-Type", "value": "application/json", "type": "text"}],
          "body": {"mode": "raw", "raw": "{\"n\": $R, \"text\": \"YY\"}", "options": {"raw": {"language": "json"}}},
          "url": {"raw": "{{baseUrl}}/items/$R?x=1", "host": ["{{baseUrl}}"], "path": ["items", "$R"], "query": [{"key": "x", "value": "1"}]}},
         "response": []}
        """.Replace("XX", new string('x', 200), StringComparison.Ordinal).Replace("YY", new string('y', 300), StringComparison.Ordinal);

    private static string Generate(int requests)
    {
        var text = new StringBuilder("""{"info": {"name": "Big", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [""");
        for (var f = 0; f < requests / 100; f++)
        {
            if (f > 0) text.Append(',');
            text.Append($$"""{"name": "Folder {{f}}", "item": [""");
            for (var r = 0; r < 100; r++)
            {
                if (r > 0) text.Append(',');
                text.Append(RequestTemplate.Replace("$F", f.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("$R", r.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            text.Append("]}");
        }
        return text.Append("]}").ToString();
    }

    [Fact]
    public void Five_thousand_requests_read_and_write_whole()
    {
        var json = Generate(5000);
        Encoding.UTF8.GetByteCount(json).Should().BeGreaterThan(4_000_000);

        var import = TestFiles.Read(json);
        import.Entities.Count(e => e.Kind == "request").Should().Be(5000);
        import.Entities.Count(e => e.Kind == "folder").Should().Be(50);

        var exported = RoundTrip.Export(import);
        using var original = JsonDocument.Parse(json);
        using var written = JsonDocument.Parse(exported);
        JsonDiff.FirstDifference(original.RootElement, written.RootElement).Should().BeNull();
        written.RootElement.GetProperty("item").EnumerateArray().Sum(f => f.GetProperty("item").GetArrayLength()).Should().Be(5000);
    }
}
