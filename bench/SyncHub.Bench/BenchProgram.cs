using System.CommandLine;

namespace SyncHub.Bench;

/// <summary>Command line of the benchmark (bench/run.sh passes its arguments through).</summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var defaults = new BenchOptions();
        var accounts = new Option<int>("--accounts") { Description = "Accounts, each with its own workspace.", DefaultValueFactory = _ => defaults.Accounts };
        var devices = new Option<int>("--devices") { Description = "Devices per account: one writer, the rest receive.", DefaultValueFactory = _ => defaults.DevicesPerAccount };
        var inFlight = new Option<int>("--in-flight") { Description = "Phase 1: Mutate calls in flight per writer.", DefaultValueFactory = _ => defaults.InFlight };
        var batch = new Option<int>("--batch") { Description = "Mutations per Mutate call.", DefaultValueFactory = _ => defaults.BatchSize };
        var payload = new Option<int>("--payload") { Description = "Request body size in bytes (JSON).", DefaultValueFactory = _ => defaults.PayloadBytes };
        var scenario = new Option<string>("--scenario") { Description = "What to measure: all (throughput, restore, import), throughput (hub comparison), restore (a new device restoring a big workspace), import (a 5,000-request Postman collection reaching another device) or cluster (SyncHub on Redis nodes, SyncHub on SQLite and a bare hub on the Redis backplane; starts its own redis-server).", DefaultValueFactory = _ => "all" };
        scenario.AcceptOnlyFromAmong("all", "throughput", "restore", "import", "cluster");
        var clusterNodes = new Option<int>("--cluster-nodes") { Description = "Cluster: hub nodes of the SyncHub cluster and of the bare backplane hub.", DefaultValueFactory = _ => defaults.ClusterNodes };
        var appendFsync = new Option<string>("--redis-appendfsync") { Description = "Cluster: appendfsync of the bench's redis-server (always, everysec or no; the append-only file is always on).", DefaultValueFactory = _ => defaults.RedisAppendFsync };
        appendFsync.AcceptOnlyFromAmong("always", "everysec", "no");
        var clusterPublish = new Option<string>("--cluster-publish") { Description = "Cluster, diagnostic: 'hub' (as the hub ships: the publish loop awaits each backplane send) or 'pipelined' (it does not wait; shows what the serial loop costs).", DefaultValueFactory = _ => "hub" };
        clusterPublish.AcceptOnlyFromAmong("hub", "pipelined");
        var warmup = new Option<double>("--warmup") { Description = "Shared warm-up before the first round, seconds of load on each target (not measured).", DefaultValueFactory = _ => defaults.Warmup.TotalSeconds };
        var rounds = new Option<int>("--rounds") { Description = "Phase 1 rounds; each measures every target once (bare, SyncHub, bare, SyncHub, ...).", DefaultValueFactory = _ => defaults.Rounds };
        var roundWarmup = new Option<double>("--round-warmup") { Description = "Unmeasured load at the start of each round, seconds.", DefaultValueFactory = _ => defaults.RoundWarmup.TotalSeconds };
        var duration = new Option<double>("--duration") { Description = "Phase 1 measured window of each round on each target, seconds.", DefaultValueFactory = _ => defaults.Duration.TotalSeconds };
        var restoreCollections = new Option<int>("--restore-collections") { Description = "Restore: collections in the seeded workspace.", DefaultValueFactory = _ => defaults.RestoreCollections };
        var restoreRequests = new Option<int>("--restore-requests") { Description = "Restore: requests per collection.", DefaultValueFactory = _ => defaults.RestoreRequestsPerCollection };
        var restorePayload = new Option<int>("--restore-payload") { Description = "Restore: request body size in bytes (JSON).", DefaultValueFactory = _ => defaults.RestorePayloadBytes };
        var restoreRepeats = new Option<int>("--restore-repeats") { Description = "Restore: fresh profiles restored one after the other.", DefaultValueFactory = _ => defaults.RestoreRepeats };
        var importRequests = new Option<int>("--import-requests") { Description = "Import: requests in the generated Postman collection.", DefaultValueFactory = _ => defaults.ImportRequests };
        var importFolders = new Option<int>("--import-folders") { Description = "Import: folders the requests are spread over.", DefaultValueFactory = _ => defaults.ImportFolders };
        var importRepeats = new Option<int>("--import-repeats") { Description = "Import: imports of the file through each path (library, hub).", DefaultValueFactory = _ => defaults.ImportRepeats };
        var latencyWarmup = new Option<double>("--latency-warmup") { Description = "Phase 2 warmup, seconds.", DefaultValueFactory = _ => defaults.LatencyWarmup.TotalSeconds };
        var latencyDuration = new Option<double>("--latency-duration") { Description = "Phase 2 measured window, seconds.", DefaultValueFactory = _ => defaults.LatencyDuration.TotalSeconds };
        var fraction = new Option<double>("--latency-fraction") { Description = "Phase 2 rate as a fraction of the bare hub's phase 1 peak.", DefaultValueFactory = _ => defaults.LatencyRateFraction };
        var rate = new Option<double?>("--latency-rate") { Description = "Phase 2 rate in changes/s over all writers (overrides --latency-fraction)." };
        var drain = new Option<double>("--drain-timeout") { Description = "Seconds to wait after a phase for pushes still owed.", DefaultValueFactory = _ => defaults.DrainTimeout.TotalSeconds };
        var targets = new Option<string>("--targets") { Description = "Which hubs: both, bare or synchub.", DefaultValueFactory = _ => "both" };
        targets.AcceptOnlyFromAmong("both", "bare", "synchub");
        var results = new Option<string?>("--results") { Description = "Markdown file to append the results section to (none when omitted)." };
        var json = new Option<string?>("--json") { Description = "JSON file to write the headline figures of the throughput and cluster scenarios to (peaks, latency), for scripts." };
        var keepData = new Option<bool>("--keep-data") { Description = "Keep SyncHub's temp data directory after the run." };

        var root = new RootCommand("Throughput and fan-out latency of the SyncHub hub (on SQLite, or as a cluster on Redis) against a bare SignalR hub, the restore of a big workspace on a new device, and the import of a big Postman collection.")
        {
            scenario, accounts, devices, inFlight, batch, payload, warmup, rounds, roundWarmup, duration, latencyWarmup, latencyDuration, fraction, rate, drain, targets, results, json, keepData,
            restoreCollections, restoreRequests, restorePayload, restoreRepeats, importRequests, importFolders, importRepeats,
            clusterNodes, appendFsync, clusterPublish,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var which = parse.GetValue(targets);
            var options = new BenchOptions
            {
                Accounts = parse.GetValue(accounts),
                DevicesPerAccount = parse.GetValue(devices),
                InFlight = parse.GetValue(inFlight),
                BatchSize = parse.GetValue(batch),
                PayloadBytes = parse.GetValue(payload),
                Scenario = parse.GetValue(scenario) switch { "throughput" => BenchScenario.Throughput, "restore" => BenchScenario.Restore, "import" => BenchScenario.Import, "cluster" => BenchScenario.Cluster, _ => BenchScenario.All },
                ClusterNodes = parse.GetValue(clusterNodes),
                RedisAppendFsync = parse.GetValue(appendFsync)!,
                PipelinedPublish = parse.GetValue(clusterPublish) == "pipelined",
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                Rounds = parse.GetValue(rounds),
                RoundWarmup = TimeSpan.FromSeconds(parse.GetValue(roundWarmup)),
                RestoreCollections = parse.GetValue(restoreCollections),
                RestoreRequestsPerCollection = parse.GetValue(restoreRequests),
                RestorePayloadBytes = parse.GetValue(restorePayload),
                RestoreRepeats = parse.GetValue(restoreRepeats),
                ImportRequests = parse.GetValue(importRequests),
                ImportFolders = parse.GetValue(importFolders),
                ImportRepeats = parse.GetValue(importRepeats),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                LatencyWarmup = TimeSpan.FromSeconds(parse.GetValue(latencyWarmup)),
                LatencyDuration = TimeSpan.FromSeconds(parse.GetValue(latencyDuration)),
                LatencyRateFraction = parse.GetValue(fraction),
                LatencyRate = parse.GetValue(rate),
                DrainTimeout = TimeSpan.FromSeconds(parse.GetValue(drain)),
                RunBare = which is "both" or "bare",
                RunSyncHub = which is "both" or "synchub",
                ResultsPath = parse.GetValue(results),
                JsonPath = parse.GetValue(json),
                KeepData = parse.GetValue(keepData),
                Command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "dotnet SyncHub.Bench.dll " + string.Join(' ', args),
            };
            if (options.Accounts < 1 || options.DevicesPerAccount < 2 || options.InFlight < 1 || options.BatchSize < 1 || options.Rounds < 1 || options.RestoreCollections < 1 || options.RestoreRequestsPerCollection < 0 || options.RestoreRepeats < 1 || options.ClusterNodes < 2 || options.Duration <= TimeSpan.Zero || options.LatencyDuration <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("--accounts, --in-flight, --batch, --rounds, --restore-collections and --restore-repeats must be at least 1, --devices and --cluster-nodes at least 2, durations positive.").ConfigureAwait(false);
                return 1;
            }
            return await new BenchRunner(options, Console.Out).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
