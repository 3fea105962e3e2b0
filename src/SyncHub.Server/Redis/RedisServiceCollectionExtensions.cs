using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Redis;

/// <summary>Cluster mode: the stores in Redis and the SignalR Redis backplane between nodes.</summary>
internal static class RedisServiceCollectionExtensions
{
    /// <summary>Registers the Redis stores (before the SQLite ones, which are added with TryAdd and so stay out).</summary>
    public static IServiceCollection AddSyncHubRedisStores(this IServiceCollection services)
    {
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<IAccountStore, RedisAccountStore>();
        services.TryAddSingleton<IDeviceStore, RedisDeviceStore>();
        services.TryAddSingleton<IChangeStore, RedisChangeStore>();
        services.TryAddSingleton<IWorkspaceSnapshotStore, RedisWorkspaceSnapshotStore>();
        services.TryAddSingleton<IChangeLogRetention, RedisChangeLogRetention>();
        services.AddHostedService<RedisStoreInitializer>();
        services.TryAddSingleton<RedisReadinessCheck>();
        services.AddHealthChecks().AddCheck<RedisReadinessCheck>(RedisReadinessCheck.Name, tags: [Health.SyncHubHealth.ReadyTag], timeout: Health.SyncHubHealth.CheckTimeout);
        return services;
    }

    /// <summary>Puts the SignalR Redis backplane under the hub, on its own connection and under the hub's key prefix.</summary>
    public static ISignalRServerBuilder AddSyncHubBackplane(this ISignalRServerBuilder signalR)
    {
        signalR.AddStackExchangeRedis();
        signalR.Services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
            .Configure<IOptions<SyncHubOptions>>((backplane, hub) =>
            {
                backplane.Configuration = RedisConnection.CreateConfiguration(hub.Value.Redis!);
                backplane.Configuration.ChannelPrefix = RedisChannel.Literal(new RedisKeys(hub.Value.RedisPrefix).BackplaneChannelPrefix);
            });
        return signalR;
    }
}
