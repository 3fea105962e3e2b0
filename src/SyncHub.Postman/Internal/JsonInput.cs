using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>Turns file bytes into a JSON tree: UTF-8 with or without a BOM, UTF-16 with a BOM (or plainly UTF-16 by its zero bytes).</summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static JsonNode Parse(ReadOnlySpan<byte> file)
    {
        var utf8 = ToUtf8(file, out var owned);
        try
        {
            return JsonNode.Parse(utf8, documentOptions: DocumentOptions)
                ?? throw new PostmanFormatException("$", "The file is the JSON value null, not a Postman file.") { Code = PostmanErrorCodes.NotPostman };
        }
        catch (JsonException ex)
        {
            throw new PostmanFormatException(PathAtError(utf8), $"The file is not valid JSON: {ex.Message}", ex) { Code = PostmanErrorCodes.NotJson };
        }
        catch (ArgumentException ex)
        {
            // JsonObject refuses an object that repeats a member name.
            throw new PostmanFormatException(PathAtError(utf8), $"The file is not usable JSON: {ex.Message}", ex) { Code = PostmanErrorCodes.NotJson };
        }
        finally
        {
            GC.KeepAlive(owned);
        }
    }

    /// <summary>The path of the first member whose name its object already has, or null; JsonObject refuses such objects when first used.</summary>
    public static string? FindDuplicate(ReadOnlySpan<byte> file)
    {
        var utf8 = ToUtf8(file, out var owned);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        var stack = new List<(bool Array, int Index, string? Name)>();
        var names = new List<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        stack[^1] = (false, 0, name);
                        if (names[^1] is { } seen && !seen.Add(name)) return Render(stack);
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(stack);
                        var isArray = reader.TokenType == JsonTokenType.StartArray;
                        stack.Add((isArray, -1, null));
                        names.Add(isArray ? null : new HashSet<string>(StringComparer.Ordinal));
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        names.RemoveAt(names.Count - 1);
                        continue;
                    default:
                        Advance(stack);
                        continue;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            GC.KeepAlive(owned);
        }
        return null;
    }

    private static ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<byte> file, out byte[]? owned)
    {
        owned = null;
        if (file.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return file[3..];
        Encoding? wide = null;
        var skip = 0;
        if (file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { wide = Encoding.Unicode; skip = 2; }
        else if (file.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { wide = Encoding.BigEndianUnicode; skip = 2; }
        else if (file.Length >= 4 && file[0] != 0 && file[1] == 0 && file[3] == 0) wide = Encoding.Unicode;
        else if (file.Length >= 4 && file[0] == 0 && file[1] != 0 && file[2] == 0) wide = Encoding.BigEndianUnicode;
        if (wide is null) return file;
        owned = Encoding.UTF8.GetBytes(wide.GetString(file[skip..]));
        return owned;
    }

    // System.Text.Json gives a line and a byte offset; a person fixing the file wants the member too, so read up to the error keeping the path.
    private static string PathAtError(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        var stack = new List<(bool Array, int Index, string? Name)>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        if (stack.Count > 0) stack[^1] = (false, 0, pendingName);
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(stack);
                        stack.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                    default:
                        Advance(stack);
                        continue;
                }
            }
        }
        catch (JsonException ex)
        {
            var where = Render(stack);
            return ex.LineNumber is { } line ? $"{where} (line {line + 1}, byte {ex.BytePositionInLine + 1})" : where;
        }
        return "$";
    }

    private static void Advance(List<(bool Array, int Index, string? Name)> stack)
    {
        if (stack.Count > 0 && stack[^1].Array) stack[^1] = (true, stack[^1].Index + 1, null);
    }

    private static string Render(List<(bool Array, int Index, string? Name)> stack)
    {
        var path = new StringBuilder("$");
        foreach (var (array, index, name) in stack)
        {
            if (array && index >= 0) path.Append('[').Append(index).Append(']');
            else if (!array && name is not null) path.Append(ObjectMapper.Path(string.Empty, name));
        }
        return path.ToString();
    }
}
