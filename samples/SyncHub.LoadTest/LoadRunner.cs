using System.Diagnostics;
using SyncHub.LoadTest.Internal;

namespace SyncHub.LoadTest;

/// <summary>
/// One run of the load generator: sign in (or reuse) the accounts' devices, connect them at a ramp, write, churn, drain,
/// then verify every delivery and every device's final state against the hub.
/// </summary>
public sealed partial class LoadRunner : IAsyncDisposable
{
    private readonly LoadOptions _options;
    private readonly LoadMetrics _metrics = new();
    private readonly Stopwatch _clock = new();
    private readonly List<LoadDevice> _devices = [];
    private volatile string _phase = "starting";

    public LoadRunner(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        _options = options;
    }

    /// <summary>The run so far; safe to call from another thread at any time.</summary>
    public LoadSnapshot Snapshot()
    {
        var fanOut = _metrics.FanOut.Copy();
        return new LoadSnapshot(_phase, _clock.Elapsed, _options.Accounts * _options.Devices, _metrics.ConnectedCount,
            _metrics.WrittenCount, _metrics.DeliveredCount,
            fanOut.TotalCount == 0 ? 0 : fanOut.GetValueAtPercentile(50) / 1000.0,
            fanOut.TotalCount == 0 ? 0 : fanOut.GetValueAtPercentile(99) / 1000.0,
            _metrics.Errors);
    }

    /// <summary>Runs every phase and returns the report (also written to <see cref="LoadOptions.ReportPath"/>).</summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken = default)
    {
        _clock.Start();
        var startedAt = DateTimeOffset.UtcNow;
        var state = LoadState.Open(_options.StateDirectory, _options.Urls);

        _phase = "sign-in";
        var signIn = Stopwatch.StartNew();
        var (registered, signedIn) = await SignInAllAsync(state, cancellationToken).ConfigureAwait(false);
        signIn.Stop();

        var memoryBefore = HubMemory.Read(_options.HubProcessIds);
        _phase = "connect";
        var connect = Stopwatch.StartNew();
        await ConnectAllAsync(cancellationToken).ConfigureAwait(false);
        connect.Stop();
        var memoryAfter = HubMemory.Read(_options.HubProcessIds);
        var connectTime = LatencyFigures.From(_metrics.Connect);

        _phase = "setup";
        await SetUpCollectionsAsync(cancellationToken).ConfigureAwait(false);
        await WaitAllInSyncAsync(_options.DrainTimeout, cancellationToken).ConfigureAwait(false);
        var warmupFrom = _metrics.WrittenCount;
        if (_options.Warmup > TimeSpan.Zero)
        {
            _phase = "warm-up";
            await WritePhaseAsync(_options.Warmup, cancellationToken).ConfigureAwait(false);
            await WaitAllInSyncAsync(_options.DrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        var warmupWritten = _metrics.WrittenCount - warmupFrom;
        _metrics.FanOut.Reset();
        var deliveredBefore = _metrics.DeliveredCount;
        var writtenBefore = _metrics.WrittenCount;
        var offlineBefore = _metrics.WrittenOfflineCount;

        _phase = "write";
        var write = Stopwatch.StartNew();
        await WritePhaseAsync(_options.Duration, cancellationToken).ConfigureAwait(false);
        var writeSeconds = write.Elapsed.TotalSeconds;

        _phase = "drain";
        var drain = Stopwatch.StartNew();
        var (drained, outboxesEmptyAt, lastDeliveryAt) = await DrainAsync(write, cancellationToken).ConfigureAwait(false);
        drain.Stop();

        Verification verification = new();
        if (!_options.SkipVerification)
        {
            _phase = "verify";
            verification = await VerifyAsync(drained, cancellationToken).ConfigureAwait(false);
        }
        _phase = "done";

        var written = _metrics.WrittenCount - writtenBefore;
        var accepted = Math.Max(0, written - verification.Lost - verification.Refused);
        var delivered = _metrics.DeliveredCount - deliveredBefore;
        var report = new LoadReport
        {
            StartedAt = startedAt,
            Urls = [.. _options.Urls.Select(u => u.ToString())],
            Accounts = _options.Accounts,
            DevicesPerAccount = _options.Devices,
            TargetRate = _options.Rate,
            Payload = _options.Payload,
            Churn = _options.Churn,
            AccountsRegistered = registered,
            DevicesSignedIn = signedIn,
            SignInSeconds = Math.Round(signIn.Elapsed.TotalSeconds, 2),
            DevicesConnected = (int)_metrics.ConnectedCount,
            ConnectSeconds = Math.Round(connect.Elapsed.TotalSeconds, 2),
            ConnectTime = connectTime,
            HubMemoryBefore = memoryBefore,
            HubMemoryAfter = memoryAfter,
            HubMemoryPerDevice = memoryBefore is { } b && memoryAfter is { } a && _metrics.ConnectedCount > 0 ? (a - b) / _metrics.ConnectedCount : null,
            WriteSeconds = Math.Round(writeSeconds, 2),
            WarmupSeconds = _options.Warmup.TotalSeconds,
            WarmupWritten = warmupWritten,
            Written = written,
            WrittenOffline = _metrics.WrittenOfflineCount - offlineBefore,
            Accepted = accepted,
            AcceptedPerSecond = Math.Round(accepted / Math.Max(writeSeconds, outboxesEmptyAt.TotalSeconds), 1),
            Delivered = delivered,
            DeliveriesPerSecond = Math.Round(delivered / Math.Max(writeSeconds, lastDeliveryAt.TotalSeconds), 1),
            FanOut = LatencyFigures.From(_metrics.FanOut),
            DrainSeconds = Math.Round(drain.Elapsed.TotalSeconds, 2),
            Errors = _metrics.Errors,
            Verification = verification,
        };
        await ReportWriter.WriteJsonAsync(report, _options.ReportPath, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Stops every device and releases its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_devices.Select(d => d.DisposeAsync().AsTask())).ConfigureAwait(false);
        _devices.Clear();
    }
}
