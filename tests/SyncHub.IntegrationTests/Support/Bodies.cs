using System.Text.Json;

namespace SyncHub.Client.TestSupport;

/// <summary>Entity bodies for tests.</summary>
public static class Bodies
{
    public static string Named(string name) => JsonSerializer.Serialize(new { name });

    public static string Request(string name, string url = "https://example.test/") => JsonSerializer.Serialize(new { name, method = "GET", url });

    /// <summary>The name field of a body.</summary>
    public static string NameOf(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("name").GetString()!;
    }
}
