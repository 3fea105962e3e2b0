namespace SyncHub.Protocol;

/// <summary>
/// Errors of a whole hub invocation travel as a SignalR <c>HubException</c> whose message is
/// <c>"code: message"</c>. This type formats and parses that text.
/// </summary>
public sealed record HubError(string Code, string Message)
{
    /// <summary>The text the hub puts in the exception.</summary>
    public string Format() => $"{Code}: {Message}";

    /// <summary>Parses a hub error text; returns false for text that does not start with a code.</summary>
    public static bool TryParse(string? text, out HubError error)
    {
        error = new HubError(ErrorCodes.Unavailable, text ?? string.Empty);
        if (string.IsNullOrEmpty(text)) return false;
        // SignalR prefixes server errors with "An unexpected error occurred invoking 'X' on the server. HubException: "
        var marker = text.IndexOf("HubException: ", StringComparison.Ordinal);
        if (marker >= 0) text = text[(marker + "HubException: ".Length)..];
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0) return false;
        var code = text[..colon];
        foreach (var c in code)
        {
            if (!(c is >= 'a' and <= 'z' || c == '_')) return false;
        }
        error = new HubError(code, text[(colon + 2)..]);
        return true;
    }
}
