using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>How the engine tells its <see cref="SyncClient"/> what the app should see; each runs on the engine loop.</summary>
internal sealed record EngineCallbacks(
    Action<string, IReadOnlyList<Change>, bool> EntitiesChanged,
    Action<IReadOnlyList<DeviceInfo>> PresenceChanged,
    Action<StoredSession> SessionRenewed,
    Action<SignOutResult> SignedOut,
    Action<ConflictRecord> ConflictDetected,
    Action<WorkspacesChangedEventArgs> WorkspacesChanged);
