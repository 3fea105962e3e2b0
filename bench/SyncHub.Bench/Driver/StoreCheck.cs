namespace SyncHub.Bench.Driver;

/// <summary>Per workspace, the store's head seq against the changes acknowledged as applied (plus the setup collection).</summary>
internal sealed record StoreCheck(int Workspaces, int WorkspacesMatching, long ExpectedChanges, long StoredChanges)
{
    public bool Passed => Workspaces == WorkspacesMatching;
}
