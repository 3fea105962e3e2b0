using System.Globalization;
using System.Text;

namespace SyncHub.Bench.Driver;

/// <summary>Request bodies of a chosen size: a plausible saved request whose raw body pads it out.</summary>
internal static class RequestPayload
{
    private const string Filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ";

    public static string Create(int account, int targetBytes)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $$"""{"name":"bench request of account {{account}}","method":"POST","url":"https://api.example.com/v1/accounts/{{account}}/items","headers":[{"key":"Content-Type","value":"application/json"}],"body":{"mode":"raw","raw":" """).TrimEnd();
        const string tail = "\"}}";
        var builder = new StringBuilder(head, Math.Max(targetBytes, head.Length + tail.Length));
        var pad = targetBytes - head.Length - tail.Length;
        while (pad > 0)
        {
            var take = Math.Min(pad, Filler.Length);
            builder.Append(Filler, 0, take);
            pad -= take;
        }
        return builder.Append(tail).ToString();
    }
}
