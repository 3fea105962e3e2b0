using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncHub.Server.Devices;
using SyncHub.Server.Presence;

namespace SyncHub.Server.Redis;

/// <summary>Cluster mode: presence across nodes (with each node's heartbeat) and device events between nodes.</summary>
internal static class ClusterPresenceServiceCollectionExtensions
{
    /// <summary>Registers the Redis presence tracker and device events (before the in-process ones, which are added with TryAdd and so stay out).</summary>
    public static IServiceCollection AddSyncHubClusterPresence(this IServiceCollection services)
    {
        services.TryAddSingleton<HubNode>();
        services.TryAddSingleton<RedisPresenceTracker>();
        services.TryAddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        services.AddHostedService<RedisNodeHeartbeat>();
        services.AddHostedService<RedisDeadNodeWatcher>();
        services.TryAddSingleton<RedisDeviceEvents>();
        services.TryAddSingleton<IDeviceEvents>(sp => sp.GetRequiredService<RedisDeviceEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisDeviceEvents>());
        return services;
    }
}
