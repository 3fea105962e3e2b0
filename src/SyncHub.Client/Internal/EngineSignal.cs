using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>What wakes the engine loop. Everything that touches the connection goes through the loop's channel.</summary>
internal abstract record EngineSignal
{
    /// <summary>The loop's wake-up timer fired: a deadline it waits for may have passed.</summary>
    public sealed record Wake : EngineSignal
    {
        public static readonly Wake Instance = new();
    }

    /// <summary>A local edit was stored: flush.</summary>
    public sealed record LocalWrite : EngineSignal;

    /// <summary>The hub pushed changes on connection <paramref name="Generation"/>.</summary>
    public sealed record PushReceived(int Generation, ChangesPush Push) : EngineSignal;

    /// <summary>Connection <paramref name="Generation"/> closed.</summary>
    public sealed record ConnectionClosed(int Generation, Exception? Error) : EngineSignal;

    /// <summary>Forget synced copies and catch up again; completes <paramref name="Done"/> when caught up (or reset, when offline).</summary>
    public sealed record Reload(TaskCompletionSource Done) : EngineSignal;

    /// <summary>The session was replaced (sign-in): reconnect with it.</summary>
    public sealed record SessionChanged : EngineSignal;

    /// <summary>The hub sent the account's devices on connection <paramref name="Generation"/>.</summary>
    public sealed record PresenceReceived(int Generation, IReadOnlyList<DeviceInfo> Devices) : EngineSignal;

    /// <summary>Another device asked the hub to sign this one out (connection <paramref name="Generation"/>).</summary>
    public sealed record SignOutRequested(int Generation, SignOutRequest Request) : EngineSignal;

    /// <summary>The hub sent the account's workspaces on connection <paramref name="Generation"/> (one was created, joined or lost).</summary>
    public sealed record WorkspacesReceived(int Generation, IReadOnlyList<WorkspaceInfo> Workspaces) : EngineSignal;
}
