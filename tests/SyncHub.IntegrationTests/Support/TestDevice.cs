using System.Net;
using System.Net.Sockets;
using SyncHub.Testing;

namespace SyncHub.Client.TestSupport;

/// <summary>A SyncClient on its own temp profile, with test-friendly timings and event-driven waits.</summary>
public sealed class TestDevice : IAsyncDisposable
{
    private TestDevice(SyncClient client, string profileDirectory, bool ownsProfile)
    {
        Client = client;
        ProfileDirectory = profileDirectory;
        OwnsProfile = ownsProfile;
    }

    public SyncClient Client { get; private set; }

    public string ProfileDirectory { get; }

    /// <summary>When true, dispose deletes the profile folder.</summary>
    public bool OwnsProfile { get; set; }

    /// <summary>Options with quick reconnects and bounded timeouts; <paramref name="configure"/> may change them.</summary>
    public static SyncClientOptions Options(Uri server, string profileDirectory, Action<SyncClientOptions>? configure = null)
    {
        var options = new SyncClientOptions
        {
            ServerUrl = server,
            ProfileDirectory = profileDirectory,
            ReconnectPolicy = new ExponentialBackoffReconnectPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500)),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            InvocationTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Opens a client (not signed in, not started) on a new temp profile or on <paramref name="profileDirectory"/>.</summary>
    public static async Task<TestDevice> OpenAsync(Uri server, string? profileDirectory = null, Action<SyncClientOptions>? configure = null)
    {
        var owns = profileDirectory is null;
        profileDirectory ??= TempDirectory.CreatePath("profile");
        var client = await SyncClient.OpenAsync(Options(server, profileDirectory, configure)).WaitAsync(TestTimeouts.Default);
        return new TestDevice(client, profileDirectory, owns);
    }

    /// <summary>Opens a client on a new profile, signs it in through the library and (by default) starts it.</summary>
    public static async Task<TestDevice> SignInAsync(Uri server, TestSession account, bool start = true, Action<SyncClientOptions>? configure = null, string deviceName = "test device")
    {
        ArgumentNullException.ThrowIfNull(account);
        var device = await OpenAsync(server, configure: configure);
        try
        {
            await device.Client.SignInAsync(account.Username, account.Password, deviceName).WaitAsync(TestTimeouts.Default);
            if (start) await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
        return device;
    }

    /// <summary>Disposes the client and opens the same profile again (an app restart).</summary>
    public async Task ReopenAsync(Uri server, Action<SyncClientOptions>? configure = null)
    {
        await Client.DisposeAsync();
        Client = await SyncClient.OpenAsync(Options(server, ProfileDirectory, configure)).WaitAsync(TestTimeouts.Default);
    }

    /// <summary>Waits until Online+InSync with nothing pending.</summary>
    public Task<SyncStatus> InSyncAsync(TimeSpan? timeout = null) =>
        Client.WaitForInSyncAsync().WaitAsync(timeout ?? TestTimeouts.Default);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every status or entity event.</summary>
    public async Task UntilAsync(Func<SyncClient, bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var client = Client;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            try
            {
                if (condition(client)) done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }
        void OnStatus(object? sender, SyncStatusChangedEventArgs e) => Check();
        void OnEntities(object? sender, EntitiesChangedEventArgs e) => Check();
        client.StatusChanged += OnStatus;
        client.EntitiesChanged += OnEntities;
        try
        {
            Check();
            var limit = timeout ?? TestTimeouts.Default;
            try
            {
                await done.Task.WaitAsync(limit);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"Waited {limit} for {what}; status: {client.Status}", ex);
            }
        }
        finally
        {
            client.StatusChanged -= OnStatus;
            client.EntitiesChanged -= OnEntities;
        }
    }

    /// <summary>Waits for a status matching <paramref name="predicate"/> (checked now and on each transition).</summary>
    public Task StatusAsync(Func<SyncStatus, bool> predicate, string what, TimeSpan? timeout = null) =>
        UntilAsync(c => predicate(c.Status), what, timeout);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (OwnsProfile) TempDirectory.TryDelete(ProfileDirectory);
    }

    /// <summary>A loopback URL on a port that was free a moment ago, for a hub that must come back at the same address.</summary>
    public static Uri FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
