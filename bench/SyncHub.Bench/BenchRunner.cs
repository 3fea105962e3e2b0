using System.Diagnostics;
using System.Globalization;
using SyncHub.Bench.Bare;
using SyncHub.Bench.Driver;
using SyncHub.Bench.Reporting;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench;

/// <summary>Runs both phases against the bare hub, then against SyncHub, and reports the two side by side.</summary>
internal sealed class BenchRunner(BenchOptions options, TextWriter log)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Collect();
        var results = new List<TargetResult>();
        double? bareLatencyRate = options.LatencyRate;

        if (options.RunBare)
        {
            var bare = await RunTargetAsync(new BareHubTarget(), peak => options.LatencyRate ?? peak * options.LatencyRateFraction, cancellationToken).ConfigureAwait(false);
            results.Add(bare);
            bareLatencyRate ??= bare.Latency.OfferedRate;
        }
        if (options.RunSyncHub)
        {
            Collect();
            // Without a bare run there is no bare peak: fall back to the same fraction of SyncHub's own peak.
            var hub = await RunTargetAsync(new SyncHubTarget(options.KeepData), peak => bareLatencyRate ?? peak * options.LatencyRateFraction, cancellationToken).ConfigureAwait(false);
            results.Add(hub);
        }

        var report = MarkdownReport.Render(options, machine, startedAt, clock.Elapsed, results);
        await log.WriteLineAsync().ConfigureAwait(false);
        await log.WriteLineAsync(report).ConfigureAwait(false);
        if (options.ResultsPath is { } path)
        {
            await AppendResultsAsync(path, report, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"Appended to {Path.GetFullPath(path)}").ConfigureAwait(false);
        }
        var healthy = results.All(r => r.Throughput.Audit.MissingDeliveries == 0 && r.Latency.Audit.MissingDeliveries == 0 && (r.SustainableLatency?.Audit.MissingDeliveries ?? 0) == 0 && (r.Store?.Passed ?? true));
        return healthy ? 0 : 2;
    }

    private async Task<TargetResult> RunTargetAsync(IBenchTarget target, Func<double, double> latencyRate, CancellationToken cancellationToken)
    {
        await using (target.ConfigureAwait(false))
        {
            var setup = Stopwatch.StartNew();
            await Log($"[{target.Name}] starting").ConfigureAwait(false);
            await target.StartAsync(cancellationToken).ConfigureAwait(false);
            var accounts = await target.ProvisionAccountsAsync(options.Accounts, options.DevicesPerAccount, cancellationToken).ConfigureAwait(false);
            await Log($"[{target.Name}] {accounts.Count} accounts ready at {target.HubUrl}, connecting {accounts.Count * options.DevicesPerAccount} devices").ConfigureAwait(false);
            var driver = await LoadDriver.ConnectAsync(target, accounts, options.DevicesPerAccount, options.PayloadBytes, cancellationToken).ConfigureAwait(false);
            await using (driver.ConfigureAwait(false))
            {
                setup.Stop();
                await Log($"[{target.Name}] setup took {setup.Elapsed.TotalSeconds:F1} s; phase 1: {options.InFlight} in flight per writer, {options.Warmup.TotalSeconds:F0} s warmup + {options.Duration.TotalSeconds:F0} s").ConfigureAwait(false);
                var throughput = await ThroughputPhase.RunAsync(driver, options, cancellationToken).ConfigureAwait(false);
                await Log($"[{target.Name}] phase 1: {throughput.Window.AppliedPerSecond:F0} changes/s accepted, {throughput.Window.DeliveriesPerSecond:F0} pushes/s delivered, fan-out p50 {throughput.FanOut.P50:F2} ms p99 {throughput.FanOut.P99:F2} ms, missing {throughput.Audit.MissingDeliveries}, CPU {throughput.Window.CpuShare:P0}").ConfigureAwait(false);

                Collect();
                var rate = latencyRate(throughput.Window.AppliedPerSecond);
                await Log($"[{target.Name}] phase 2: {rate:F0} changes/s paced, {options.LatencyWarmup.TotalSeconds:F0} s warmup + {options.LatencyDuration.TotalSeconds:F0} s").ConfigureAwait(false);
                var latency = await LatencyPhase.RunAsync(driver, options, rate, 'l', cancellationToken).ConfigureAwait(false);
                await Log($"[{target.Name}] phase 2: {latency.Window.AppliedPerSecond:F0} changes/s accepted, fan-out p50 {latency.FanOut.P50:F2} p90 {latency.FanOut.P90:F2} p99 {latency.FanOut.P99:F2} p99.9 {latency.FanOut.P999:F2} max {latency.FanOut.Max:F2} ms, missing {latency.Audit.MissingDeliveries}{(latency.SaturatedAfter is { } after ? $"; SATURATED: stopped after {after.TotalSeconds:F1} s" : string.Empty)}").ConfigureAwait(false);

                PhaseResult? sustainable = null;
                if (!latency.KeptUp)
                {
                    // The shared rate is beyond this hub: its latency there is only queueing. Measure it also where it keeps up.
                    Collect();
                    var ownRate = throughput.Window.AppliedPerSecond * options.LatencyRateFraction;
                    await Log($"[{target.Name}] phase 2b: {ownRate:F0} changes/s paced ({options.LatencyRateFraction:0.##} × its own peak)").ConfigureAwait(false);
                    sustainable = await LatencyPhase.RunAsync(driver, options, ownRate, 'm', cancellationToken).ConfigureAwait(false);
                    await Log($"[{target.Name}] phase 2b: {sustainable.Window.AppliedPerSecond:F0} changes/s accepted, fan-out p50 {sustainable.FanOut.P50:F2} p90 {sustainable.FanOut.P90:F2} p99 {sustainable.FanOut.P99:F2} p99.9 {sustainable.FanOut.P999:F2} max {sustainable.FanOut.Max:F2} ms, missing {sustainable.Audit.MissingDeliveries}").ConfigureAwait(false);
                }
                var store = target.HasStore ? await driver.CheckStoreAsync(cancellationToken).ConfigureAwait(false) : null;
                return new TargetResult
                {
                    Target = target.Name,
                    Setup = setup.Elapsed,
                    Throughput = throughput,
                    Latency = latency,
                    SustainableLatency = sustainable,
                    Store = store,
                    Storage = target.DescribeStorage(),
                    Commits = target.ReadCommitCounters(),
                    ClosedConnections = driver.ClosedConnections,
                };
            }
        }
    }

    private static void Collect()
    {
        // Garbage of one phase or target must not be collected on the next one's clock.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private Task Log(string line) => log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));

    private static async Task AppendResultsAsync(string path, string report, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full))
        {
            await File.WriteAllTextAsync(full, "# SyncHub benchmark results\n\nEach section is one run of `bench/run.sh` (see bench/README.md).\n\n", cancellationToken).ConfigureAwait(false);
        }
        await File.AppendAllTextAsync(full, report, cancellationToken).ConfigureAwait(false);
    }
}
