using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>What applying remote changes did: the changes applied (in seq order) and the cursor after them.</summary>
internal sealed record RemoteApplyOutcome(IReadOnlyList<Change> Applied, long Cursor);
