using System.Diagnostics;
using System.Globalization;
using SyncHub.Bench.Bare;
using SyncHub.Bench.Cluster;
using SyncHub.Bench.Driver;
using SyncHub.Bench.Import;
using SyncHub.Bench.Reporting;
using SyncHub.Bench.Restore;
using SyncHub.Bench.Targets;

namespace SyncHub.Bench;

/// <summary>
/// Starts the hubs once, warms the driver up on each, measures peak throughput in interleaved rounds
/// (bare, SyncHub, bare, SyncHub, ...), then fan-out latency on each; the cluster scenario does the same with its own
/// redis-server for a bare hub on the Redis backplane, a SyncHub cluster and SyncHub on SQLite; then the restore and
/// import scenarios.
/// </summary>
internal sealed class BenchRunner(BenchOptions options, TextWriter log)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Collect();
        IReadOnlyList<TargetResult> results = [];
        ClusterRun? cluster = null;
        RestoreResult? restore = null;
        ImportBenchResult? import = null;

        if (options.RunsThroughput)
        {
            var targets = new List<Func<IBenchTarget>>();
            if (options.RunBare) targets.Add(() => new BareHubTarget());
            if (options.RunSyncHub) targets.Add(() => new SyncHubTarget(options.KeepData));
            results = await RunThroughputAsync(targets, cancellationToken).ConfigureAwait(false);
        }
        if (options.RunsCluster)
        {
            cluster = await RunClusterAsync(cancellationToken).ConfigureAwait(false);
        }
        if (options.RunsRestore)
        {
            BenchHousekeeping.Collect();
            restore = await new RestoreBenchmark(options, log).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        if (options.RunsImport)
        {
            BenchHousekeeping.Collect();
            import = await new ImportBenchmark(options, log).RunAsync(cancellationToken).ConfigureAwait(false);
        }

        var report = MarkdownReport.Render(options, machine, startedAt, clock.Elapsed, results, restore, import, cluster);
        await log.WriteLineAsync().ConfigureAwait(false);
        await log.WriteLineAsync(report).ConfigureAwait(false);
        if (options.ResultsPath is { } path)
        {
            await AppendResultsAsync(path, report, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"Appended to {Path.GetFullPath(path)}").ConfigureAwait(false);
        }
        if (options.JsonPath is { } json)
        {
            await JsonSummary.WriteAsync(json, options, results.Concat(cluster?.Results ?? []), cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"Summary written to {Path.GetFullPath(json)}").ConfigureAwait(false);
        }
        var healthy = results.Concat(cluster?.Results ?? []).All(r => r.Rounds.Append(r.Warmup).Append(r.Latency).All(p => p.Audit.MissingDeliveries == 0)
                && (r.SustainableLatency?.Audit.MissingDeliveries ?? 0) == 0 && (r.Store?.Passed ?? true))
            && (restore?.Complete ?? true) && (import?.Complete ?? true);
        return healthy ? 0 : 2;
    }

    // Redis first: the cluster and the backplane hub both need it, and a machine without it should fail before the long setup.
    private async Task<ClusterRun> RunClusterAsync(CancellationToken cancellationToken)
    {
        await Log($"[redis] starting redis-server (appendonly yes, appendfsync {options.RedisAppendFsync})").ConfigureAwait(false);
        await using var redis = await BenchRedisServer.StartAsync(options.RedisAppendFsync, cancellationToken).ConfigureAwait(false);
        await Log($"[redis] {redis.Version} on port {redis.Port}").ConfigureAwait(false);
        var nodes = options.ClusterNodes;
        var results = await RunThroughputAsync(
            [
                () => BareHubTarget.WithBackplane(redis, nodes),
                () => SyncHubTarget.Cluster(options.KeepData, redis, nodes, options.PipelinedPublish),
                () => new SyncHubTarget(options.KeepData),
            ],
            cancellationToken,
            redis).ConfigureAwait(false);
        return new ClusterRun(results, redis.Version, redis.AppendFsync, nodes);
    }

    /// <summary>Phase 1 in interleaved rounds over the targets, then phase 2 on each; the first target is the baseline whose peak sets phase 2's rate.</summary>
    private async Task<IReadOnlyList<TargetResult>> RunThroughputAsync(IReadOnlyList<Func<IBenchTarget>> targets, CancellationToken cancellationToken, BenchRedisServer? redis = null)
    {
        var running = new List<RunningTarget>();
        try
        {
            foreach (var create in targets) running.Add(await StartAsync(create(), cancellationToken).ConfigureAwait(false));

            // The clients' JIT and tiering must be done before any round counts, for both targets alike.
            foreach (var t in running)
            {
                BenchHousekeeping.Collect();
                await Log($"[{t.Target.Name}] shared warm-up: {options.Warmup.TotalSeconds:0.#} s closed loop, not measured").ConfigureAwait(false);
                t.Warmup = await ThroughputPhase.RunAsync(t.Driver, options, options.Warmup, TimeSpan.FromSeconds(1), "w", cancellationToken).ConfigureAwait(false);
                await Log($"[{t.Target.Name}] warm-up ended at {t.Warmup.Window.AppliedPerSecond:F0} changes/s, missing {t.Warmup.Audit.MissingDeliveries}").ConfigureAwait(false);
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var t in running)
                {
                    BenchHousekeeping.Collect();
                    // What a change costs in Redis: its commands over the whole round (warm-up and drain too) per change accepted in it.
                    var callsBefore = redis is not null && t.Target.Helper is not null ? await redis.ReadCommandCallsAsync().ConfigureAwait(false) : null;
                    var phase = await ThroughputPhase.RunAsync(t.Driver, options, options.RoundWarmup, options.Duration, string.Create(CultureInfo.InvariantCulture, $"r{round}-"), cancellationToken).ConfigureAwait(false);
                    t.Rounds.Add(phase);
                    if (callsBefore is not null) t.AddRedisCalls(callsBefore, await redis!.ReadCommandCallsAsync().ConfigureAwait(false), phase.Applied);
                    await Log($"[{t.Target.Name}] round {round}/{options.Rounds}: {phase.Window.AppliedPerSecond:F0} changes/s accepted, {phase.Window.DeliveriesPerSecond:F0} pushes/s, fan-out p50 {phase.FanOut.P50:F2} p99 {phase.FanOut.P99:F2} ms, missing {phase.Audit.MissingDeliveries}, CPU {phase.Window.CpuShare:P0}, others {phase.Window.OtherCpuShare:P0}").ConfigureAwait(false);
                }
            }

            var bareMedian = running.FirstOrDefault(t => t.Target is BareHubTarget)?.MedianPeak;
            var results = new List<TargetResult>();
            foreach (var t in running)
            {
                // Without a bare run there is no bare peak: fall back to the same fraction of the target's own median peak.
                var rate = options.LatencyRate ?? (bareMedian ?? t.MedianPeak) * options.LatencyRateFraction;
                results.Add(await MeasureLatencyAsync(t, rate, cancellationToken).ConfigureAwait(false));
            }
            return results;
        }
        finally
        {
            foreach (var t in running) await t.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<RunningTarget> StartAsync(IBenchTarget target, CancellationToken cancellationToken)
    {
        var setup = Stopwatch.StartNew();
        await Log($"[{target.Name}] starting").ConfigureAwait(false);
        try
        {
            await target.StartAsync(cancellationToken).ConfigureAwait(false);
            var accounts = await target.ProvisionAccountsAsync(options.Accounts, options.DevicesPerAccount, cancellationToken).ConfigureAwait(false);
            await Log($"[{target.Name}] {accounts.Count} accounts ready at {target.HubUrl}{(target.Nodes > 1 ? $" and {target.Nodes - 1} more node(s)" : string.Empty)}, connecting {accounts.Count * options.DevicesPerAccount} devices").ConfigureAwait(false);
            var driver = await LoadDriver.ConnectAsync(target, accounts, options.DevicesPerAccount, options.PayloadBytes, cancellationToken).ConfigureAwait(false);
            setup.Stop();
            await Log($"[{target.Name}] setup took {setup.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
            return new RunningTarget(target, driver, setup.Elapsed);
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<TargetResult> MeasureLatencyAsync(RunningTarget t, double rate, CancellationToken cancellationToken)
    {
        BenchHousekeeping.Collect();
        var name = t.Target.Name;
        await Log($"[{name}] phase 2: {rate:F0} changes/s paced, {options.LatencyWarmup.TotalSeconds:0.#} s warmup + {options.LatencyDuration.TotalSeconds:0.#} s").ConfigureAwait(false);
        var latency = await LatencyPhase.RunAsync(t.Driver, options, rate, "l", cancellationToken).ConfigureAwait(false);
        await Log($"[{name}] phase 2: {latency.Window.AppliedPerSecond:F0} changes/s accepted, fan-out p50 {latency.FanOut.P50:F2} p90 {latency.FanOut.P90:F2} p99 {latency.FanOut.P99:F2} p99.9 {latency.FanOut.P999:F2} max {latency.FanOut.Max:F2} ms, missing {latency.Audit.MissingDeliveries}{(latency.SaturatedAfter is { } after ? $"; SATURATED: stopped after {after.TotalSeconds:F1} s" : string.Empty)}").ConfigureAwait(false);

        PhaseResult? sustainable = null;
        if (!latency.KeptUp)
        {
            // The shared rate is beyond this hub: its latency there is only queueing. Measure it also where it keeps up.
            BenchHousekeeping.Collect();
            var ownRate = t.MedianPeak * options.LatencyRateFraction;
            await Log($"[{name}] phase 2b: {ownRate:F0} changes/s paced ({options.LatencyRateFraction:0.##} × its own median peak)").ConfigureAwait(false);
            sustainable = await LatencyPhase.RunAsync(t.Driver, options, ownRate, "m", cancellationToken).ConfigureAwait(false);
            await Log($"[{name}] phase 2b: {sustainable.Window.AppliedPerSecond:F0} changes/s accepted, fan-out p50 {sustainable.FanOut.P50:F2} p90 {sustainable.FanOut.P90:F2} p99 {sustainable.FanOut.P99:F2} p99.9 {sustainable.FanOut.P999:F2} max {sustainable.FanOut.Max:F2} ms, missing {sustainable.Audit.MissingDeliveries}").ConfigureAwait(false);
        }
        var store = t.Target.HasStore ? await t.Driver.CheckStoreAsync(cancellationToken).ConfigureAwait(false) : null;
        return new TargetResult
        {
            Target = name,
            Setup = t.Setup,
            Warmup = t.Warmup ?? throw new InvalidOperationException("No warm-up ran."),
            Rounds = t.Rounds,
            Latency = latency,
            SustainableLatency = sustainable,
            Store = store,
            Storage = await t.Target.DescribeStorageAsync().ConfigureAwait(false),
            Commits = t.Target.ReadCommitCounters(),
            ClosedConnections = t.Driver.ClosedConnections,
            RedisCommandsPerChange = t.RedisCommandsPerChange,
        };
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

    /// <summary>A started hub with its connected driver, kept for the whole throughput scenario.</summary>
    private sealed class RunningTarget(IBenchTarget target, LoadDriver driver, TimeSpan setup) : IAsyncDisposable
    {
        public IBenchTarget Target { get; } = target;

        public LoadDriver Driver { get; } = driver;

        public TimeSpan Setup { get; } = setup;

        public PhaseResult? Warmup { get; set; }

        public List<PhaseResult> Rounds { get; } = [];

        public double MedianPeak => TargetResult.Median(Rounds.Select(r => r.Window.AppliedPerSecond));

        private readonly Dictionary<string, long> _redisCalls = new(StringComparer.Ordinal);
        private long _redisCallsApplied;

        /// <summary>Redis commands per accepted change over the phase 1 rounds, most frequent first; null when not counted.</summary>
        public IReadOnlyList<KeyValuePair<string, double>>? RedisCommandsPerChange => _redisCallsApplied == 0
            ? null
            : [.. _redisCalls.Select(c => new KeyValuePair<string, double>(c.Key, c.Value / (double)_redisCallsApplied)).OrderByDescending(c => c.Value)];

        public void AddRedisCalls(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, long applied)
        {
            foreach (var (command, calls) in after)
            {
                var delta = calls - before.GetValueOrDefault(command);
                // The probe's own INFO is not the target's work.
                if (delta > 0 && command != "info") _redisCalls[command] = _redisCalls.GetValueOrDefault(command) + delta;
            }
            _redisCallsApplied += applied;
        }

        public async ValueTask DisposeAsync()
        {
            await Driver.DisposeAsync().ConfigureAwait(false);
            await Target.DisposeAsync().ConfigureAwait(false);
        }
    }
}
