using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>
/// What applying remote changes did: the changes applied (in seq order), the cursor after them, and what the app is told
/// (the applied changes with a delete of each descendant a cascaded delete took, right after it).
/// </summary>
internal sealed record RemoteApplyOutcome(IReadOnlyList<Change> Applied, long Cursor, IReadOnlyList<Change> Visible);
