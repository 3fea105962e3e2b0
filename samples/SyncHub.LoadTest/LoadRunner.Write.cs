using System.Diagnostics;
using SyncHub.Client;
using SyncHub.LoadTest.Internal;

namespace SyncHub.LoadTest;

public sealed partial class LoadRunner
{
    private long _sequence;
    private long _inFlight;

    /// <summary>Writes for the phase's duration, paced or as fast as the hub takes, with churn alongside when asked.</summary>
    private async Task WritePhaseAsync(TimeSpan duration, CancellationToken ct)
    {
        using var phase = CancellationTokenSource.CreateLinkedTokenSource(ct);
        phase.CancelAfter(duration);
        var writers = _devices.Where(d => d.Started).ToList();
        var churn = _options.Churn > 0 ? ChurnAsync(writers, phase.Token) : Task.CompletedTask;
        var writing = _options.Rate > 0
            ? PacedAsync(writers, phase.Token)
            : Task.WhenAll(writers.Select(d => ClosedLoopAsync(d, phase.Token)));
        await Task.WhenAll(writing, churn).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        // Paced writes still running locally finish before the drain counts.
        while (Interlocked.Read(ref _inFlight) > 0) await Task.Delay(10, ct).ConfigureAwait(false);
    }

    /// <summary>Keeps <see cref="LoadOptions.Window"/> writes of the device unacknowledged, writing the next as one is acknowledged.</summary>
    private async Task ClosedLoopAsync(LoadDevice device, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var changed = device.NextStatusChange();
            if (device.Offline || device.Client.Status.PendingChanges >= _options.Window)
            {
                await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(1), ct)).ConfigureAwait(false);
                continue;
            }
            await WriteAsync(device, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Spreads <see cref="LoadOptions.Rate"/> writes a second round-robin over the online devices, whether or not earlier ones were acknowledged.</summary>
    private async Task PacedAsync(List<LoadDevice> writers, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        long issued = 0;
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var due = (long)(_options.Rate * clock.Elapsed.TotalSeconds) - issued;
                for (; due > 0; due--)
                {
                    for (var tries = 0; tries < writers.Count && writers[next].Offline; tries++) next = (next + 1) % writers.Count;
                    var device = writers[next];
                    next = (next + 1) % writers.Count;
                    issued++;
                    Interlocked.Increment(ref _inFlight);
                    _ = WriteTrackedAsync(device);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task WriteTrackedAsync(LoadDevice device)
    {
        try
        {
            await WriteAsync(device, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task WriteAsync(LoadDevice device, CancellationToken ct)
    {
        var offline = device.Offline;
        var body = SentStamp.Body(Interlocked.Increment(ref _sequence), Stopwatch.GetTimestamp(), offline, _options.Payload);
        try
        {
            await device.WriteAsync(body, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SyncException ex)
        {
            _metrics.Error(ex.Code);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Cycles through the devices: each cycle takes a <see cref="LoadOptions.Churn"/> fraction of them offline, makes
    /// <see cref="LoadOptions.OfflineEdits"/> edits on each while offline, and brings them back after <see cref="LoadOptions.OfflineTime"/>.
    /// </summary>
    private async Task ChurnAsync(List<LoadDevice> devices, CancellationToken ct)
    {
        var random = new Random(20261204);
        var count = Math.Max(1, (int)Math.Round(devices.Count * _options.Churn));
        while (!ct.IsCancellationRequested)
        {
            var chosen = devices.OrderBy(_ => random.Next()).Take(count).ToList();
            await Task.WhenAll(chosen.Select(d => DropAsync(d))).ConfigureAwait(false);
            foreach (var device in chosen)
            {
                for (var i = 0; i < _options.OfflineEdits; i++) await WriteAsync(device, CancellationToken.None).ConfigureAwait(false);
            }
            try
            {
                await Task.Delay(_options.OfflineTime, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            // Back online even when the phase is over, so that the drain finds every device running.
            await Task.WhenAll(chosen.Select(d => ReturnAsync(d))).ConfigureAwait(false);
        }
    }

    private async Task DropAsync(LoadDevice device)
    {
        device.Offline = true;
        await device.Client.StopAsync().ConfigureAwait(false);
        _metrics.Disconnected();
    }

    private async Task ReturnAsync(LoadDevice device)
    {
        var began = Stopwatch.GetTimestamp();
        try
        {
            await device.Client.StartAsync().ConfigureAwait(false);
            device.Offline = false;
            await device.Client.WaitForInSyncAsync().WaitAsync(ConnectLimit).ConfigureAwait(false);
        }
        catch (SyncException ex)
        {
            _metrics.Error(ex.Code);
        }
        catch (TimeoutException)
        {
            _metrics.Error(Protocol.ErrorCodes.Timeout);
        }
        finally
        {
            device.Offline = false;
            _metrics.Connected(Stopwatch.GetElapsedTime(began));
        }
    }
}
