namespace SyncHub.Server.Redis;

/// <summary>
/// This node's identity in the cluster: random per process start, so that a node that crashed and started again is a new
/// node, and the connections its previous run left in Redis belong to a node whose heartbeat is gone.
/// </summary>
internal sealed class HubNode
{
    public HubNode()
        : this(Guid.NewGuid().ToString("N"))
    {
    }

    public HubNode(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }
}
