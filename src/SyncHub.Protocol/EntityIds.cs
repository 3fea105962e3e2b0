namespace SyncHub.Protocol;

/// <summary>Rules and generation of entity and mutation ids.</summary>
public static class EntityIds
{
    /// <summary>Longest id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>A new random id (32 lowercase hex digits).</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="id"/> is 1 to 128 characters of letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        }
        return true;
    }
}
