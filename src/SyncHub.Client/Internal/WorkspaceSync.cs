namespace SyncHub.Client.Internal;

/// <summary>What the engine keeps per synced workspace while connected: its cursor, held pushes and own seqs.</summary>
internal sealed class WorkspaceSync(string workspaceId, PushOrderingBuffer buffer)
{
    public string WorkspaceId { get; } = workspaceId;

    public long Cursor { get; private set; }

    /// <summary>Pushes that arrived ahead of the cursor, waiting for the gap before them to fill.</summary>
    public PushOrderingBuffer Buffer { get; } = buffer;

    /// <summary>Seqs of this device's own acknowledged changes not yet passed by the cursor (their pushes carry nothing new).</summary>
    public HashSet<long> OwnSeqs { get; } = [];

    public void SetCursor(long cursor)
    {
        Cursor = cursor;
        OwnSeqs.RemoveWhere(s => s <= cursor);
        Buffer.SetOwnAhead(OwnSeqs.Count > 0);
    }
}
