using System.Globalization;
using System.Text;

namespace SyncHub.LoadTest.Internal;

/// <summary>
/// The body of a written request: a Postman-like request whose <see cref="LoadDevice.SentField"/> holds the send time, padded
/// to the payload size. Reading the stamp back is a string search, not a JSON parse, so a receiving device costs the
/// generator little at thousands of deliveries a second.
/// </summary>
internal static class SentStamp
{
    private const string Marker = "\"" + LoadDevice.SentField + "\":";

    public static string Body(long sequence, long sentTimestamp, bool offline, int payload)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"{{\"name\":\"load {sequence}\",\"method\":\"POST\",\"url\":\"https://load.test/items/{sequence}\",{(offline ? "\"x-load-offline\":true," : Marker + sentTimestamp.ToString(CultureInfo.InvariantCulture) + ",")}\"body\":{{\"mode\":\"raw\",\"raw\":\"");
        const string tail = "\"}}";
        var padding = Math.Max(0, payload - head.Length - tail.Length);
        return new StringBuilder(head.Length + padding + tail.Length).Append(head).Append('x', padding).Append(tail).ToString();
    }

    public static bool TryRead(string body, out long sentTimestamp)
    {
        sentTimestamp = 0;
        var at = body.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return false;
        var start = at + Marker.Length;
        var end = start;
        while (end < body.Length && char.IsAsciiDigit(body[end])) end++;
        return long.TryParse(body.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out sentTimestamp);
    }
}
