using System.Text;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// Splits a shell line into arguments the way a POSIX shell would for the simple cases: whitespace separates,
/// "double quotes" group (with \" and \\ inside), 'single quotes' group literally, a backslash outside quotes escapes
/// the next character.
/// </summary>
internal static class ShellLineSplitter
{
    public static IReadOnlyList<string> Split(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inToken) tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                    break;
                case '\'':
                    inToken = true;
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0) throw new UsageException("A quote (') is not closed.");
                    current.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    inToken = true;
                    i++;
                    for (; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\') i++;
                        current.Append(line[i]);
                    }
                    if (i >= line.Length) throw new UsageException("A quote (\") is not closed.");
                    break;
                case '\\' when i + 1 < line.Length:
                    inToken = true;
                    current.Append(line[++i]);
                    break;
                default:
                    inToken = true;
                    current.Append(c);
                    break;
            }
        }
        if (inToken) tokens.Add(current.ToString());
        return tokens;
    }
}
