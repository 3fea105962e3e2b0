namespace SyncHub.Client.Internal;

/// <summary>
/// Which hub node the loop connects through. The session lists every node of the deployment; they share one store, so
/// the cursors and mutation ids of this device mean the same on each, and moving is only a matter of connecting elsewhere.
/// </summary>
internal sealed partial class SyncEngine
{
    private IReadOnlyList<Uri> _nodes = [];
    private string? _nodesDeviceId;
    private int _nodeIndex;
    private int _failedInRound;

    /// <summary>The node the next (or the open) connection uses.</summary>
    private Uri CurrentNode => _nodes[_nodeIndex];

    /// <summary>
    /// Takes the nodes of <paramref name="session"/>. A new session (or a changed list) starts at the node it signed in
    /// through, which answered last; the same session keeps its place, so a dead node is not tried first again.
    /// </summary>
    private void UseNodesOf(StoredSession session)
    {
        if (session.DeviceId == _nodesDeviceId && _nodes.SequenceEqual(session.ServerUrls)) return;
        _nodes = session.ServerUrls.Count > 0 ? session.ServerUrls : [session.ServerUrl];
        _nodesDeviceId = session.DeviceId;
        _nodeIndex = Math.Max(0, HubNodes.IndexOf(_nodes, session.ServerUrl));
        _failedInRound = 0;
    }

    /// <summary>
    /// The current node failed (an attempt, or an open connection that dropped): moves to the next one, round-robin.
    /// True when the reconnect policy's delay is due: every node has failed in this round, or an open connection just
    /// dropped (the delay then spreads the devices of a dead node over the others, as it does with one node).
    /// </summary>
    private bool MoveToNextNode(Exception failure, bool wasConnected)
    {
        if (wasConnected) _failedInRound = 0;
        else _failedInRound++;
        var failed = CurrentNode;
        _nodeIndex = (_nodeIndex + 1) % _nodes.Count;
        if (_nodes.Count > 1)
        {
            // The code or exception type only: an exception's message may quote a URL with its access_token.
            var reason = failure is SyncException sync ? sync.Code : failure.GetType().Name;
            SyncClientLog.MovingToNode(_logger, HubNodes.ForLog(failed), reason, HubNodes.ForLog(CurrentNode));
        }
        if (!wasConnected && _failedInRound < _nodes.Count) return false;
        _failedInRound = 0;
        return true;
    }

    /// <summary>The hub as a person would name it in a status message.</summary>
    private string NodesForMessage() => _nodes.Count == 1
        ? $"the hub at {HubNodes.ForLog(_nodes[0])}"
        : $"any of the hub nodes ({string.Join(", ", _nodes.Select(HubNodes.ForLog))})";
}
