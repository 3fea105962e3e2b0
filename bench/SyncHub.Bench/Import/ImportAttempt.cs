namespace SyncHub.Bench.Import;

/// <summary>One import of the file and how long until another device of the workspace held all of it.</summary>
/// <param name="Path">"library" (the connection library: local store and outbox) or "hub" (<c>POST /api/workspaces/{id}/import</c>).</param>
/// <param name="Number">Which attempt of that path.</param>
/// <param name="Accepted">Until the importing call returned: queued locally (library) or committed (hub).</param>
/// <param name="Sent">Library only: until the importing device's outbox was empty and in sync (every entity acknowledged).</param>
/// <param name="Reached">Until the other device held every entity of the file.</param>
/// <param name="Entities">Entities of the file.</param>
/// <param name="Received">Entities the other device held at the end.</param>
internal sealed record ImportAttempt(string Path, int Number, TimeSpan Accepted, TimeSpan? Sent, TimeSpan Reached, int Entities, int Received);
