using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncHub.Server.Accounts;
using SyncHub.Server.Authentication;
using SyncHub.Server.Commit;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Health;
using SyncHub.Server.Hubs;
using SyncHub.Server.Devices;
using SyncHub.Server.Internal;
using SyncHub.Server.Presence;
using SyncHub.Server.Redis;
using SyncHub.Server.RateLimiting;
using SyncHub.Server.Retention;
using SyncHub.Server.Sqlite;
using SyncHub.Server.Storage;
using SyncHub.Server.Workspaces;

namespace SyncHub.Server;

/// <summary>Registers the hub's services.</summary>
public static class SyncHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds the hub: options (section <c>SyncHub</c>, validated at start), the SQLite store, accounts,
    /// device-token authentication, SignalR with the JSON and MessagePack protocols, the commit writer,
    /// the change publisher, devices and presence, sign-in rate limits, the change-log pruner, and health checks (the SQLite
    /// store's readiness check, tagged <see cref="SyncHubHealth.ReadyTag"/>). Registrations use TryAdd where a host may want its own (e.g. <see cref="IChangePublisher"/>).
    /// </summary>
    public static IServiceCollection AddSyncHub(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SyncHubOptions>()
            .Bind(configuration.GetSection(SyncHubOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncHubOptions>, SyncHubOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SyncHubMetrics>();

        var clusterMode = IsClusterMode(configuration);
        if (clusterMode)
        {
            services.AddSyncHubRedisStores();
        }
        else
        {
            services.TryAddSingleton<SqliteDatabase>();
            services.TryAddSingleton<IAccountStore, SqliteAccountStore>();
            services.TryAddSingleton<IChangeStore, SqliteChangeStore>();
            services.TryAddSingleton<IDeviceStore, SqliteDeviceStore>();
            services.TryAddSingleton<IWorkspaceSnapshotStore, SqliteWorkspaceSnapshotStore>();
            services.TryAddSingleton<IChangeLogRetention, SqliteChangeLogRetention>();
            services.AddHostedService<SqliteStoreInitializer>();
            services.TryAddSingleton<SqliteReadinessCheck>();
            services.AddHealthChecks().AddCheck<SqliteReadinessCheck>(SqliteReadinessCheck.Name, tags: [SyncHubHealth.ReadyTag], timeout: SyncHubHealth.CheckTimeout);
            // Registered before the commit writer so that it stops after it.
            services.AddHostedService<SqliteWalCheckpointer>();
        }

        services.TryAddSingleton<IPasswordHasher<AccountRecord>, PasswordHasher<AccountRecord>>();
        services.TryAddSingleton<PasswordVerifier>();

        services.TryAddSingleton<MutationCommitChannel>();
        services.TryAddSingleton<IChangePublisher, HubChangePublisher>();
        services.AddHostedService<MutationCommitWriter>();
        services.TryAddSingleton<ChangeLogPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeLogPruner>());

        services.TryAddSingleton<IPresenceTracker, InMemoryPresenceTracker>();
        services.TryAddSingleton<PresenceNotifier>();
        services.TryAddSingleton<DeviceConnectionRegistry>();
        services.TryAddSingleton<DeviceSignOut>();
        services.TryAddSingleton<WorkspaceNotifier>();
        services.TryAddSingleton<WorkspaceImporter>();
        services.TryAddSingleton(HubServices.Create);
        services.TryAddSingleton<SignInRateLimits>();
        services.AddRateLimiter(SignInRateLimits.Configure);

        services.AddAuthentication(DeviceTokenDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, DeviceTokenAuthenticationHandler>(DeviceTokenDefaults.AuthenticationScheme, null);
        services.AddAuthorization();

        var signalR = services.AddSignalR(hub =>
        {
            hub.EnableDetailedErrors = false;
            hub.AddFilter<DeviceSessionHubFilter>();
        }).AddMessagePackProtocol();
        if (clusterMode) signalR.AddSyncHubBackplane();
        services.AddOptions<HubOptions>().Configure<IOptions<SyncHubOptions>>(
            (hub, syncHub) => hub.MaximumReceiveMessageSize = syncHub.Value.MaxMessageBytes);
        return services;
    }

    /// <summary>Whether the configuration puts the node in cluster mode (<c>SyncHub:Redis</c> set).</summary>
    public static bool IsClusterMode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{SyncHubOptions.SectionName}:{nameof(SyncHubOptions.Redis)}"]);
    }
}
