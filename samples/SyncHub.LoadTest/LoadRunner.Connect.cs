using System.Diagnostics;
using SyncHub.Client;
using SyncHub.LoadTest.Internal;
using SyncHub.Protocol;

namespace SyncHub.LoadTest;

public sealed partial class LoadRunner
{
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(60);

    /// <summary>Opens every device's profile; registers missing accounts and signs in devices without a session.</summary>
    private async Task<(int Registered, int SignedIn)> SignInAllAsync(LoadState state, CancellationToken ct)
    {
        var registered = 0;
        var signedIn = 0;
        using var gate = new SemaphoreSlim(_options.SignInConcurrency);
        var accounts = new LoadDevice[_options.Accounts][];
        await Task.WhenAll(Enumerable.Range(0, _options.Accounts).Select(async a =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var account = state.AccountAt(a, _options.Prefix);
                var devices = new LoadDevice[_options.Devices];
                for (var d = 0; d < _options.Devices; d++)
                {
                    var global = a * _options.Devices + d;
                    var client = await SyncClient.OpenAsync(new SyncClientOptions
                    {
                        ServerUrls = [.. Enumerable.Range(0, _options.Urls.Count).Select(i => _options.Urls[(global + i) % _options.Urls.Count])],
                        ProfileDirectory = state.ProfileOf(a, d),
                    }, ct).ConfigureAwait(false);
                    var device = new LoadDevice(a, d, client, _metrics);
                    devices[d] = device;
                    if (client.Session is not null) continue;
                    if (!account.Registered)
                    {
                        try
                        {
                            await client.RegisterAsync(account.Username, $"{account.Username}@load.test", account.Password, ct).ConfigureAwait(false);
                        }
                        catch (SyncException ex) when (ex.Code == ErrorCodes.AccountExists)
                        {
                            // Registered by a run that crashed before saving: the password is ours all the same.
                        }
                        account.Registered = true;
                        Interlocked.Increment(ref registered);
                        state.Save();
                    }
                    await SignInAsync(client, account, d, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref signedIn);
                }
                accounts[a] = devices;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        foreach (var devices in accounts) _devices.AddRange(devices);
        state.Save();
        return (registered, signedIn);
    }

    private async Task SignInAsync(SyncClient client, LoadAccount account, int device, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.SignInAsync(account.Username, account.Password, $"load-{device}", cancellationToken: ct).ConfigureAwait(false);
                return;
            }
            catch (SyncException ex) when (ex.Code == ErrorCodes.RateLimited && attempt < 30)
            {
                // The hub limits sign-ins per address; a big run waits its turn instead of failing.
                _metrics.Error(ex.Code);
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
            catch (SyncException ex) when (ex.Code == ErrorCodes.InvalidCredentials)
            {
                throw new LoadException($"The hub refused the password of {account.Username}: the state in {_options.StateDirectory} was made against another hub's data. Delete it or pass another --state.");
            }
            catch (SyncException ex) when (ex.Code == ErrorCodes.DeviceLimit)
            {
                throw new LoadException($"{account.Username} is at the hub's device limit: its devices were signed in from another state directory. Delete {_options.StateDirectory}, or lower --devices.");
            }
        }
    }

    /// <summary>Starts the devices at the ramp rate; each counts as connected once it is online and in sync.</summary>
    private async Task ConnectAllAsync(CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var connecting = new List<Task>(_devices.Count);
        for (var i = 0; i < _devices.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / _options.RampRate);
            var wait = due - started.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct).ConfigureAwait(false);
            connecting.Add(ConnectAsync(_devices[i], ct));
        }
        await Task.WhenAll(connecting).ConfigureAwait(false);
    }

    private async Task ConnectAsync(LoadDevice device, CancellationToken ct)
    {
        var began = Stopwatch.GetTimestamp();
        try
        {
            device.Bind(device.Client.Session!.WorkspaceId);
            await device.Client.StartAsync(ct).ConfigureAwait(false);
            device.Started = true;
            await device.Client.WaitForInSyncAsync(ct).WaitAsync(ConnectLimit, ct).ConfigureAwait(false);
            _metrics.Connected(Stopwatch.GetElapsedTime(began));
        }
        catch (SyncException ex)
        {
            _metrics.Error(ex.Code);
        }
        catch (TimeoutException)
        {
            _metrics.Error(ErrorCodes.Timeout);
        }
    }

    /// <summary>Each device writes into a collection of its own, made once and found again by a later run.</summary>
    private async Task SetUpCollectionsAsync(CancellationToken ct)
    {
        foreach (var device in _devices)
        {
            var name = $"load device {device.Index}";
            var body = $"{{\"name\":\"{name}\"}}";
            // Only the top level: a reused workspace holds every request earlier runs wrote.
            device.CollectionId = device.Client.GetChildren(null)
                .FirstOrDefault(e => e.Kind == EntityKinds.Collection && e.Body.Contains($"\"{name}\"", StringComparison.Ordinal))?.Id;
            if (device.CollectionId is not null) continue;
            device.CollectionId = await device.CreateCollectionAsync(body, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every started device is online, in sync and has nothing pending; false at the timeout.</summary>
    private async Task<bool> WaitAllInSyncAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(_devices.Where(d => d.Started).Select(d => d.Client.WaitForInSyncAsync(ct))).WaitAsync(timeout, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (SyncException ex)
        {
            _metrics.Error(ex.Code);
            return false;
        }
    }
}
