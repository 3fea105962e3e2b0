using Microsoft.Extensions.Logging;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// The hub nodes of one deployment (base URLs sharing one store): the order they are tried in, and the HTTP calls that
/// move to the next node when one is down.
/// </summary>
internal static class HubNodes
{
    /// <summary>
    /// True when <paramref name="ex"/> says the node itself is down (no connection, or a 5xx "unavailable"), so another
    /// node may answer. A timeout is not: the node may have acted on the request (a sign-in made a device) before it
    /// went quiet, and asking another one could do it twice.
    /// </summary>
    public static bool IsNodeDown(SyncException ex) => ex.Code is ErrorCodes.Unreachable or ErrorCodes.Unavailable;

    /// <summary><paramref name="nodes"/> starting at <paramref name="start"/> (when it is one of them) and wrapping round.</summary>
    public static IReadOnlyList<Uri> From(IReadOnlyList<Uri> nodes, Uri? start)
    {
        var at = start is null ? -1 : IndexOf(nodes, start);
        if (at <= 0) return nodes;
        return [.. nodes.Skip(at), .. nodes.Take(at)];
    }

    /// <summary>The position of <paramref name="url"/> in <paramref name="nodes"/> (ignoring a trailing slash and case), or -1.</summary>
    public static int IndexOf(IReadOnlyList<Uri> nodes, Uri url)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (Same(nodes[i], url)) return i;
        }
        return -1;
    }

    /// <summary>The URL without user info or query, for logs and messages: a URL given by a person may carry a secret.</summary>
    public static string ForLog(Uri url) =>
        url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : url.ToString();

    /// <summary>
    /// Calls <paramref name="call"/> on each node in turn (from <paramref name="start"/>) until one answers; moves on only
    /// when a node is down (<see cref="IsNodeDown"/>). Any answer of the hub, such as a wrong password, is final.
    /// </summary>
    /// <returns>The answer and the node that gave it.</returns>
    /// <exception cref="SyncException">The last node's failure when all are down, or the first node's answer that is not a node failure.</exception>
    public static async Task<(T Result, Uri Node)> FirstReachableAsync<T>(IReadOnlyList<Uri> nodes, Uri? start, string operation,
        Func<Uri, Task<T>> call, ILogger logger)
    {
        var order = From(nodes, start);
        for (var i = 0; ; i++)
        {
            var node = order[i];
            try
            {
                return (await call(node).ConfigureAwait(false), node);
            }
            catch (SyncException ex) when (IsNodeDown(ex) && i + 1 < order.Count)
            {
                SyncClientLog.NodeUnreachable(logger, operation, ForLog(node), ex.Code, ForLog(order[i + 1]));
            }
        }
    }

    private static bool Same(Uri a, Uri b) =>
        string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
