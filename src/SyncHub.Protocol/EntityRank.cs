using System.Text;

namespace SyncHub.Protocol;

/// <summary>
/// Order of entities within their parent, as a fractional index in the body's <c>rank</c> field. A rank is one or
/// more digits of base 62 (<c>0-9</c>, <c>A-Z</c>, <c>a-z</c>, in ordinal order) read as a fraction after the point,
/// never ending in <c>0</c>; so ranks compare as ordinal strings, and between any two there is always another.
/// Inserting an item or moving it changes only its own rank: one update of one entity.
/// </summary>
public static class EntityRank
{
    /// <summary>The digits, in ascending ordinal order.</summary>
    public const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private const int Base = 62;

    /// <summary>Orders ranks (ordinal; null, an unranked entity, after every rank).</summary>
    public static IComparer<string?> Comparer { get; } = Comparer<string?>.Create(Compare);

    /// <summary>Whether <paramref name="rank"/> is a rank: one or more digits of <see cref="Digits"/>, not ending in <c>0</c>.</summary>
    public static bool IsValid(string? rank)
    {
        if (string.IsNullOrEmpty(rank) || rank[^1] == '0') return false;
        foreach (var c in rank)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// A rank strictly between <paramref name="before"/> and <paramref name="after"/>: null (or empty) for
    /// <paramref name="before"/> means "at the start", null for <paramref name="after"/> means "at the end". The result is
    /// as short as the neighbours allow and grows by about one character per six insertions at the same place.
    /// </summary>
    /// <exception cref="ArgumentException">A neighbour is not a valid rank, or <paramref name="before"/> is not below <paramref name="after"/>.</exception>
    public static string Between(string? before, string? after)
    {
        before ??= string.Empty;
        if (before.Length > 0 && !IsValid(before))
            throw new ArgumentException($"'{Shorten(before)}' is not a rank.", nameof(before));
        if (after is not null && !IsValid(after))
            throw new ArgumentException($"'{Shorten(after)}' is not a rank.", nameof(after));
        if (after is not null && string.CompareOrdinal(before, after) >= 0)
            throw new ArgumentException($"The rank before ('{Shorten(before)}') must be lower than the rank after ('{Shorten(after)}').", nameof(before));

        // Digit-by-digit midpoint of two base-62 fractions; 'before' is padded with zeros, 'after' null is 1.0.
        var result = new StringBuilder();
        var upper = after;
        for (var i = 0; ; i++)
        {
            var low = i < before.Length ? DigitOf(before[i]) : 0;
            if (upper is not null && low == DigitOf(upper[i]))
            {
                // A shared digit; 'upper' cannot end here, since it does not end in zero and is above 'before'.
                result.Append(upper[i]);
                continue;
            }
            var high = upper is null ? Base : DigitOf(upper[i]);
            if (high - low > 1)
                return result.Append(Digits[(low + high) / 2]).ToString();
            if (upper is not null && upper.Length > i + 1)
                return result.Append(upper[i]).ToString();
            // Adjacent digits: keep the lower one and go on below the end.
            result.Append(Digits[low]);
            upper = null;
        }
    }

    /// <summary>A rank after <paramref name="last"/> (null: the first rank of an empty parent).</summary>
    public static string After(string? last) => Between(last, null);

    /// <summary>A rank before <paramref name="first"/> (null: the first rank of an empty parent).</summary>
    public static string Before(string? first) => Between(null, first);

    /// <summary>
    /// <paramref name="count"/> ascending ranks spread evenly, all of the same short length, for items that arrive
    /// together (an import): appending them one by one would make ranks grow with the count.
    /// </summary>
    public static IReadOnlyList<string> Sequence(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var length = 1;
        var span = (UInt128)Base;
        while (span <= (UInt128)count)
        {
            span *= Base;
            length++;
        }
        var ranks = new string[count];
        var digits = new char[length];
        for (var i = 0; i < count; i++)
        {
            // Evenly spaced fractions (i+1)/(count+1) of span; the spacing is at least 1, so they are distinct and nonzero.
            var value = span * (UInt128)(i + 1) / (UInt128)(count + 1);
            for (var d = length - 1; d >= 0; d--)
            {
                digits[d] = Digits[(int)(value % Base)];
                value /= Base;
            }
            ranks[i] = new string(digits).TrimEnd('0');
        }
        return ranks;
    }

    /// <summary>Compares two ranks ordinally; null (unranked) sorts after every rank.</summary>
    public static int Compare(string? x, string? y) =>
        x is null ? (y is null ? 0 : 1) : y is null ? -1 : string.CompareOrdinal(x, y);

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => c - 'a' + 36,
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
