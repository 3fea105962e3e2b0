using SyncHub.Server.Devices;
using SyncHub.Server.Presence;
using SyncHub.Server.Retention;
using SyncHub.Server.Storage;
using SyncHub.Server.Workspaces;

namespace SyncHub.Server.Hubs;

/// <summary>The services the hub's device, presence, snapshot and retention parts use, resolved as one (the hub is created per invocation).</summary>
public sealed class HubServices
{
    internal HubServices(
        IDeviceStore devices,
        IPresenceTracker presence,
        PresenceNotifier presenceNotifier,
        DeviceConnectionRegistry registry,
        DeviceSignOut signOut,
        IWorkspaceSnapshotStore snapshots,
        IChangeLogRetention retention,
        ChangeLogPruner pruner,
        TimeProvider timeProvider,
        WorkspaceNotifier workspaces)
    {
        Devices = devices;
        Presence = presence;
        PresenceNotifier = presenceNotifier;
        Registry = registry;
        SignOut = signOut;
        Snapshots = snapshots;
        Retention = retention;
        Pruner = pruner;
        TimeProvider = timeProvider;
        Workspaces = workspaces;
    }

    internal IDeviceStore Devices { get; }

    internal IPresenceTracker Presence { get; }

    internal PresenceNotifier PresenceNotifier { get; }

    internal DeviceConnectionRegistry Registry { get; }

    internal DeviceSignOut SignOut { get; }

    internal IWorkspaceSnapshotStore Snapshots { get; }

    internal IChangeLogRetention Retention { get; }

    internal ChangeLogPruner Pruner { get; }

    internal TimeProvider TimeProvider { get; }

    internal WorkspaceNotifier Workspaces { get; }

    internal static HubServices Create(IServiceProvider services) => new(
        services.GetRequiredService<IDeviceStore>(),
        services.GetRequiredService<IPresenceTracker>(),
        services.GetRequiredService<PresenceNotifier>(),
        services.GetRequiredService<DeviceConnectionRegistry>(),
        services.GetRequiredService<DeviceSignOut>(),
        services.GetRequiredService<IWorkspaceSnapshotStore>(),
        services.GetRequiredService<IChangeLogRetention>(),
        services.GetRequiredService<ChangeLogPruner>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<WorkspaceNotifier>());
}
