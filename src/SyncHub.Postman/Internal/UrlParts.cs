using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>
/// Splits a URL as Postman does when it saves one (postman-collection's url-parse): hash, query, protocol, path, auth,
/// port, host, with <c>{{variables}}</c> that hold separators kept whole. Written beside <c>raw</c> so a file looks as
/// Postman writes it; the reader only ever uses <c>raw</c>.
/// </summary>
internal static class UrlParts
{
    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(".:/?#@&]");

    public static JsonObject ToObject(string raw, JsonArray? query, JsonArray? variables)
    {
        var url = new JsonObject { ["raw"] = raw };
        var text = raw.TrimStart();
        var masked = Mask(text);
        string? hash = null;
        var index = masked.IndexOf('#', StringComparison.Ordinal);
        if (index >= 0)
        {
            hash = text[(index + 1)..];
            text = text[..index];
            masked = masked[..index];
        }
        index = masked.IndexOf('?', StringComparison.Ordinal);
        if (index >= 0)
        {
            text = text[..index];
            masked = masked[..index];
        }
        index = masked.IndexOf("://", StringComparison.Ordinal);
        if (index >= 0)
        {
            url["protocol"] = text[..index];
            text = text[(index + 3)..];
            masked = masked[(index + 3)..];
        }
        var leading = masked.Length - masked.TrimStart('/').Length;
        text = text[leading..];
        masked = masked[leading..];
        JsonArray? path = null;
        index = masked.IndexOf('/', StringComparison.Ordinal);
        if (index >= 0)
        {
            path = [.. text[(index + 1)..].Split('/').Select(s => (JsonNode)s)];
            text = text[..index];
            masked = masked[..index];
        }
        index = masked.LastIndexOf('@');
        if (index >= 0)
        {
            text = text[(index + 1)..];
            masked = masked[(index + 1)..];
        }
        string? port = null;
        index = masked.LastIndexOf(':');
        if (index >= 0)
        {
            port = text[(index + 1)..];
            text = text[..index];
        }
        if (text.Length > 0) url["host"] = new JsonArray([.. text.Split('.').Select(s => (JsonNode)s)]);
        if (port is not null) url["port"] = port;
        if (path is not null) url["path"] = path;
        if (query is not null) url["query"] = query;
        if (hash is not null) url["hash"] = hash;
        if (variables is not null) url["variable"] = variables;
        return url;
    }

    // A variable holding a separator would split the URL at the wrong place: mask it, keeping the length, so indexes still match.
    private static string Mask(string text)
    {
        var chars = text.ToCharArray();
        var start = text.IndexOf("{{", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0) break;
            var inner = text.AsSpan(start + 2, end - start - 2);
            if (inner.IndexOfAny("{}") < 0 && inner.IndexOfAny(Separators) >= 0)
            {
                for (var i = start; i < end + 2; i++) chars[i] = '_';
            }
            start = text.IndexOf("{{", end + 2, StringComparison.Ordinal);
        }
        return new string(chars);
    }
}
