using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Server;

namespace SyncHub.Testing;

/// <summary>
/// The real hub (<see cref="SyncHubApplication.Create"/>) started in this process on a free loopback port
/// with its own SQLite directory. Dispose stops it and deletes a directory it created.
/// </summary>
public sealed class HubHost : IAsyncDisposable
{
    /// <summary>The sign-in rate limits (per address and per login) of a test hub unless its settings name others: high enough never to matter.</summary>
    public const string TestPermits = "100000";

    /// <summary>The device limit of a test hub unless its settings name another (the hub's own default is 3).</summary>
    public const string TestMaxDevices = "10";

    private readonly Action<WebApplicationBuilder>? _configure;
    private readonly IDictionary<string, string?>? _settings;
    private WebApplication? _app;

    private HubHost(Action<WebApplicationBuilder>? configure, IDictionary<string, string?>? settings, string dataDirectory, bool keep, HubStore store)
    {
        _configure = configure;
        _settings = settings;
        DataDirectory = dataDirectory;
        KeepDataDirectory = keep;
        Store = store;
        // One prefix for the hub's life: a restart finds its data again, and hubs sharing the test Redis never meet.
        RedisPrefix = $"t{Guid.NewGuid():N}";
    }

    /// <summary>The store this hub runs on.</summary>
    public HubStore Store { get; }

    /// <summary>In Redis mode, the key prefix of this hub's data (<c>SyncHub:RedisPrefix</c>).</summary>
    public string RedisPrefix { get; }

    /// <summary>In Redis mode, the configuration string of the Redis it uses.</summary>
    public string? RedisConfiguration { get; private set; }

    /// <summary>Where the hub listens, e.g. http://127.0.0.1:41234/. Changes after <see cref="RestartAsync"/>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The hub's data directory (its SQLite file).</summary>
    public string DataDirectory { get; }

    /// <summary>When true, dispose leaves <see cref="DataDirectory"/>. True when the caller supplied the directory.</summary>
    public bool KeepDataDirectory { get; set; }

    /// <summary>The running app.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("The hub is stopped.");

    /// <summary>The running hub's services (e.g. <c>SyncHubMetrics</c>, <c>IChangeStore</c>).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Whether the hub is running.</summary>
    public bool IsRunning => _app is not null;

    /// <summary>
    /// Starts a hub. <paramref name="settings"/> are configuration keys (e.g. <c>SyncHub:MaxBodyBytes</c>);
    /// <paramref name="configure"/> runs after the hub's own registrations, so it may replace services;
    /// without <paramref name="dataDirectory"/> a fresh temp directory is used and deleted on dispose. <paramref name="store"/>
    /// defaults to the store of the run (<see cref="HubStores.Current"/>); tests of one store's own mechanics name it. A
    /// <c>SyncHub:Redis</c> setting puts the hub on that Redis instead of the shared test one.
    /// </summary>
    public static async Task<HubHost> StartAsync(
        Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        HubStore? store = null)
    {
        var chosen = settings is not null && settings.TryGetValue("SyncHub:Redis", out var named) && !string.IsNullOrEmpty(named)
            ? HubStore.Redis
            : store ?? HubStores.Current;
        var host = new HubHost(configure, settings, dataDirectory ?? TempDirectory.CreatePath("hub"), keep: dataDirectory is not null, chosen);
        try
        {
            await host.StartCoreAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Stops the hub gracefully and starts it again on the same data directory (on a new port).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartCoreAsync();
    }

    /// <summary>Stops the hub gracefully; <see cref="RestartAsync"/> starts it again.</summary>
    public async Task StopAsync()
    {
        var app = _app;
        if (app is null) return;
        _app = null;
        try
        {
            await app.StopAsync().WaitAsync(TestTimeouts.Default);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (!KeepDataDirectory) TempDirectory.TryDelete(DataDirectory);
    }

    private async Task StartCoreAsync()
    {
        // Many hosts in one test process: file watchers for appsettings would exhaust inotify instances.
        List<string> args = ["--urls", "http://127.0.0.1:0", "--hostBuilder:reloadConfigOnChange=false"];
        if (Store == HubStore.Redis)
        {
            // On the command line, not in the settings added later: the hub picks its stores when its services are added.
            RedisConfiguration ??= _settings is not null && _settings.TryGetValue("SyncHub:Redis", out var own) && !string.IsNullOrEmpty(own)
                ? own
                : (await RedisServer.SharedAsync()).ConfigurationString;
            args.AddRange(["--SyncHub:Redis", RedisConfiguration, "--SyncHub:RedisPrefix", _settings?.TryGetValue("SyncHub:RedisPrefix", out var prefix) == true && prefix is not null ? prefix : RedisPrefix]);
        }
        var app = SyncHubApplication.Create([.. args], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                // Every test signs in from 127.0.0.1, many accounts a minute: the sign-in limits are for tests that set them.
                ["SyncHub:SignIn:PermitsPerAddress"] = TestPermits,
                ["SyncHub:SignIn:PermitsPerLogin"] = TestPermits,
                // Tests written before the device limit sign in more than 3 devices; tests of the limit set it.
                ["SyncHub:MaxDevicesPerAccount"] = TestMaxDevices,
            });
            if (_settings is not null) builder.Configuration.AddInMemoryCollection(_settings);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SyncHub:DataDirectory"] = DataDirectory,
            });
            _configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync().WaitAsync(TestTimeouts.Startup);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The hub reported no address.");
        BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }
}
