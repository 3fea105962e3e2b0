using System.Globalization;
using System.Text;
using SyncHub.Bench.Cluster;
using SyncHub.Bench.Import;
using SyncHub.Bench.Restore;

namespace SyncHub.Bench.Reporting;

/// <summary>The run as a markdown section: the machine, the command, and one table comparing the targets.</summary>
internal static class MarkdownReport
{
    public const double TargetRatio = 0.5;

    public static string Render(BenchOptions options, MachineInfo machine, DateTimeOffset startedAt, TimeSpan elapsed, IReadOnlyList<TargetResult> results, RestoreResult? restore, ImportBenchResult? import = null, ClusterRun? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"## Run of {startedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Command: `{options.Command}` (whole run {elapsed.TotalSeconds:F0} s)");
        sb.AppendLine(inv, $"- Machine: {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryGiB:F1} GiB memory, {machine.Os} ({machine.Kernel}), {machine.Runtime}, SDK {machine.Sdk}, {machine.Gc}; temp dir (SyncHub's SQLite store) on {machine.TempFileSystem}; load average at the start {machine.LoadAverage}");
        if (results.Count > 0)
        {
        sb.AppendLine(inv, $"- Load: {options.Accounts} accounts × {options.DevicesPerAccount} devices (device 0 writes creates of requests, the other {options.DevicesPerAccount - 1} only receive), request body {options.PayloadBytes} B of JSON, {options.BatchSize} mutation(s) per Mutate, raw HubConnection over WebSockets with MessagePack, the same driver for both targets.");
        sb.AppendLine(inv, $"- Phase 1 (peak throughput, closed loop): both hubs started once and kept running; {options.Warmup.TotalSeconds:0.#} s of unmeasured shared warm-up on each, then {options.Rounds} interleaved round(s) (bare, SyncHub, bare, SyncHub, ...), each {options.RoundWarmup.TotalSeconds:0.#} s unmeasured + {options.Duration.TotalSeconds:0.#} s measured per hub; {options.InFlight} Mutate call(s) in flight per writer. The table's phase 1 rows are the median round of each hub; the figure compared is the median of the rounds.");
        var rate = options.LatencyRate is { } fixedRate
            ? string.Create(inv, $"a fixed {fixedRate:F0} changes/s")
            : string.Create(inv, $"{options.LatencyRateFraction:0.##} × the bare hub's median phase 1 peak");
        sb.AppendLine(inv, $"- Phase 2 (fan-out latency, open loop): {rate}, paced by a 1 ms timer round-robin over the writers, {options.LatencyWarmup.TotalSeconds:0.#} s warmup, {options.LatencyDuration.TotalSeconds:0.#} s measured. Latency = Mutate sent on the writer → `Changes` push received on each other device (HdrHistogram, every push of a change sent in the window). A hub that falls {LatencyPhaseSaturation:0} s of load behind stops phase 2; one that did not keep up (stopped, or accepted under 95 % of the rate; its latency there is only queueing) is measured again in phase 2b at {options.LatencyRateFraction:0.##} × its own median peak.");
        sb.AppendLine("- Clients and hubs run in one process and share the machine's cores, so every figure includes the clients' own CPU cost; only one hub is under load at a time (the other's connections stay open and idle).");
        }
        sb.AppendLine();
        if (results.Count > 0) RenderThroughput(sb, options, results, results.Count == 2 ? [new ThroughputRatio(1, 0, "SyncHub / bare")] : []);
        if (cluster is not null) RenderCluster(sb, options, cluster);
        if (restore is not null) RenderRestore(sb, restore);
        if (import is not null) RenderImport(sb, import);
        return sb.ToString();
    }

    private static void RenderCluster(StringBuilder sb, BenchOptions options, ClusterRun cluster)
    {
        var inv = CultureInfo.InvariantCulture;
        var results = cluster.Results;
        sb.AppendLine(inv, $"### Cluster: {cluster.Nodes} SyncHub nodes on Redis, SyncHub on SQLite, a bare SignalR hub on the Redis backplane");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Redis: the bench's own `redis-server` ({cluster.RedisVersion}) on loopback, append-only file on, `appendfsync {cluster.AppendFsync}`{(cluster.AppendFsync == "always" ? " (an acknowledged change is on disk, the SQLite hub's promise)" : string.Empty)}; one server for both Redis targets (the backplane hub uses only its pub/sub). Its CPU is shown apart and is not in \"other processes\".");
        sb.AppendLine(inv, $"- Targets, all in this process but Redis: **{results[0].Target}**: `BareSyncHub` (numbers and forwards, no accounts, checks or store) with `AddStackExchangeRedis`; **{results[1].Target}**: `SyncHubApplication.Create` with `SyncHub:Redis` and one `SyncHub:RedisPrefix` (change store, accounts, devices, presence and the backplane in Redis); **{results[2].Target}**: as in the throughput scenario. On the two {cluster.Nodes}-node targets device d of account a connects to node (a + d) mod {cluster.Nodes}, so every account has devices on more than one node and every push goes through the backplane.");
        sb.AppendLine(inv, $"- Load: {options.Accounts} accounts × {options.DevicesPerAccount} devices (device 0 writes creates of requests, the other {options.DevicesPerAccount - 1} only receive), request body {options.PayloadBytes} B of JSON, {options.BatchSize} mutation(s) per Mutate, raw HubConnection over WebSockets with MessagePack, the same driver and load for every target.");
        sb.AppendLine(inv, $"- Phase 1 (peak throughput, closed loop, {options.InFlight} Mutate call(s) in flight per writer): {options.Warmup.TotalSeconds:0.#} s unmeasured warm-up on each, then {options.Rounds} interleaved round(s) (backplane, cluster, SQLite, backplane, ...), each {options.RoundWarmup.TotalSeconds:0.#} s unmeasured + {options.Duration.TotalSeconds:0.#} s measured per target; the figure compared is the median of the rounds. Phase 2 (fan-out latency, open loop): {(options.LatencyRate is { } fixedRate ? string.Create(inv, $"a fixed {fixedRate:F0} changes/s") : string.Create(inv, $"{options.LatencyRateFraction:0.##} × the backplane hub's median peak"))} for every target, {options.LatencyWarmup.TotalSeconds:0.#} s + {options.LatencyDuration.TotalSeconds:0.#} s measured; a target that cannot keep up is measured again (2b) at {options.LatencyRateFraction:0.##} × its own peak. Fan-out latency = Mutate sent → `Changes` push received on each other device (HdrHistogram).");
        sb.AppendLine();
        RenderThroughput(sb, options, results, [new ThroughputRatio(1, 0, "cluster / bare backplane"), new ThroughputRatio(2, 0, "SQLite / bare backplane")]);
    }

    private static void RenderThroughput(StringBuilder sb, BenchOptions options, IReadOnlyList<TargetResult> results, IReadOnlyList<ThroughputRatio> ratio)
    {
        var inv = CultureInfo.InvariantCulture;

        sb.Append("| figure |");
        foreach (var r in results) sb.Append(inv, $" {r.Target} |");
        foreach (var q in ratio) sb.Append(inv, $" {q.Header} |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in results) sb.Append("---:|");
        foreach (var _ in ratio) sb.Append("---:|");
        sb.AppendLine();

        Row(sb, results, ratio, "**phase 1: accepted changes/s, median of the rounds**", r => r.MedianPeak, "F0", true);
        Row(sb, results, ratio, "phase 1: accepted changes/s of each round", r => string.Join(", ", r.Rounds.Select(p => Number(p.Window.AppliedPerSecond, "F0"))));
        Row(sb, results, ratio, "phase 1: pushes delivered/s (to the other devices)", r => r.Throughput.Window.DeliveriesPerSecond, "F0", true);
        Row(sb, results, ratio, "phase 1: fan-out p50 / p99 (ms)", r => Pair(r.Throughput.FanOut.P50, r.Throughput.FanOut.P99));
        Row(sb, results, ratio, "phase 1: Mutate round trip p50 / p99 (ms)", r => Pair(r.Throughput.Ack.P50, r.Throughput.Ack.P99));
        Row(sb, results, ratio, "phase 1: process CPU (share of all cores)", r => Percent(r.Throughput.Window.CpuShare));
        Row(sb, results, ratio, "phase 1: process CPU per accepted change (µs)", r => r.Throughput.Window.CpuMicrosPerChange, "F0", false);
        var helped = results.Any(r => r.Throughput.Window.HelperCpu > TimeSpan.Zero);
        if (helped)
        {
            Row(sb, results, ratio, "phase 1: redis-server CPU (share of all cores)", r => r.Throughput.Window.HelperCpu > TimeSpan.Zero ? Percent(r.Throughput.Window.HelperCpuShare) : "n/a");
            Row(sb, results, ratio, "phase 1: redis-server CPU per accepted change (µs)", r => r.Throughput.Window.HelperCpu > TimeSpan.Zero ? r.Throughput.Window.HelperCpuMicrosPerChange : double.NaN, "F0", false);
            Row(sb, results, ratio, "phase 1: Redis commands per accepted change (all rounds; most frequent)", r => r.RedisCommandsPerChange is { } calls
                ? string.Create(CultureInfo.InvariantCulture, $"{calls.Sum(c => c.Value):F2}: {string.Join(", ", calls.Take(6).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:F2}")))}")
                : "n/a");
        }
        Row(sb, results, ratio, "phase 1: hub commits (flushes)/s, mutations per commit", r => Commits(r.Throughput));
        Row(sb, results, ratio, "phase 1: bytes written to storage per accepted change", r => r.Throughput.Window.DiskBytesPerChange, "F0", false);
        Row(sb, results, ratio, "phase 1: other processes' CPU (share of all cores)", r => Percent(r.Throughput.Window.OtherCpuShare));
        Row(sb, results, ratio, "phase 1: other processes' CPU in each round", r => string.Join(", ", r.Rounds.Select(p => Percent(p.Window.OtherCpuShare))));
        Row(sb, results, ratio, "phase 1 (warm-up and all rounds): missing deliveries / duplicates", r => Audit(r.Rounds.Append(r.Warmup)));
        Row(sb, results, ratio, "phase 1 (warm-up and all rounds): rejected / failed Mutate", r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Rounds.Append(r.Warmup).Sum(p => p.Rejected)} / {r.Rounds.Append(r.Warmup).Sum(p => p.Failed)}"));
        Row(sb, results, ratio, "phase 2: offered changes/s", r => r.Latency.OfferedRate ?? double.NaN, "F0", false);
        Row(sb, results, ratio, "phase 2: accepted changes/s", r => r.Latency.Window.AppliedPerSecond, "F0", false);
        Row(sb, results, ratio, "phase 2: kept up with the offered rate", r => r.Latency.SaturatedAfter is { } after
            ? string.Create(CultureInfo.InvariantCulture, $"NO: stopped after {after.TotalSeconds:F1} s, {LatencyPhaseSaturation} s of load unanswered")
            : r.Latency.KeptUp ? "yes" : "NO: accepted under 95 % of the offered rate");
        Row(sb, results, ratio, "**phase 2: fan-out p50 (ms)**", r => r.Latency.FanOut.P50, "F2", false);
        Row(sb, results, ratio, "phase 2: fan-out p90 (ms)", r => r.Latency.FanOut.P90, "F2", false);
        Row(sb, results, ratio, "**phase 2: fan-out p99 (ms)**", r => r.Latency.FanOut.P99, "F2", false);
        Row(sb, results, ratio, "phase 2: fan-out p99.9 (ms)", r => r.Latency.FanOut.P999, "F2", false);
        Row(sb, results, ratio, "phase 2: fan-out max (ms)", r => r.Latency.FanOut.Max, "F2", false);
        Row(sb, results, ratio, "phase 2: fan-out samples", r => r.Latency.FanOut.Count, "F0", false);
        Row(sb, results, ratio, "phase 2: Mutate round trip p50 / p99 (ms)", r => Pair(r.Latency.Ack.P50, r.Latency.Ack.P99));
        Row(sb, results, ratio, "phase 2: process CPU (share of all cores)", r => Percent(r.Latency.Window.CpuShare));
        if (helped) Row(sb, results, ratio, "phase 2: redis-server CPU (share of all cores)", r => r.Latency.Window.HelperCpu > TimeSpan.Zero ? Percent(r.Latency.Window.HelperCpuShare) : "n/a");
        Row(sb, results, ratio, "phase 2: hub commits (flushes)/s, mutations per commit", r => Commits(r.Latency));
        Row(sb, results, ratio, "phase 2: other processes' CPU (share of all cores)", r => Percent(r.Latency.Window.OtherCpuShare));
        Row(sb, results, ratio, "phase 2: pacer max lag (ms)", r => r.Latency.MaxPacerLag.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        Row(sb, results, ratio, "phase 2: missing deliveries / duplicates", r => Audit(r.Latency));
        Row(sb, results, ratio, "phase 2: rejected / failed Mutate", r => Errors(r.Latency));
        if (results.Any(r => r.SustainableLatency is not null))
        {
            static string Part(TargetResult r, Func<PhaseResult, string> f) => r.SustainableLatency is { } p ? f(p) : "not needed";
            Row(sb, results, ratio, $"phase 2b (hub did not keep up in phase 2): offered changes/s ({options.LatencyRateFraction:0.##} × own peak)", r => Part(r, p => Number(p.OfferedRate ?? double.NaN, "F0")));
            Row(sb, results, ratio, "phase 2b: accepted changes/s", r => Part(r, p => Number(p.Window.AppliedPerSecond, "F0")));
            Row(sb, results, ratio, "**phase 2b: fan-out p50 / p90 / p99 / p99.9 / max (ms)**", r => Part(r, p => string.Create(CultureInfo.InvariantCulture,
                $"{Number(p.FanOut.P50, "F2")} / {Number(p.FanOut.P90, "F2")} / {Number(p.FanOut.P99, "F2")} / {Number(p.FanOut.P999, "F2")} / {Number(p.FanOut.Max, "F2")}")));
            Row(sb, results, ratio, "phase 2b: kept up / missing deliveries", r => Part(r, p => string.Create(CultureInfo.InvariantCulture,
                $"{(p.KeptUp ? "yes" : "NO")} / {p.Audit.MissingDeliveries}")));
        }
        Row(sb, results, ratio, "stored: head seq = acknowledged changes", r => r.Store is null
            ? "n/a (no store)"
            : string.Create(CultureInfo.InvariantCulture, $"{(r.Store.Passed ? "yes" : "NO")}: {r.Store.WorkspacesMatching}/{r.Store.Workspaces} workspaces, {r.Store.StoredChanges} stored / {r.Store.ExpectedChanges} acknowledged"));
        Row(sb, results, ratio, "connections closed during the run", r => r.ClosedConnections.ToString(CultureInfo.InvariantCulture));
        Row(sb, results, ratio, "GC in phase 1: gen0 / gen2 / pause", r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Throughput.Window.Gen0Collections} / {r.Throughput.Window.Gen2Collections} / {r.Throughput.Window.GcPause.TotalMilliseconds:F0} ms"));
        Row(sb, results, ratio, "setup (accounts, sign-ins, connects)", r => string.Create(CultureInfo.InvariantCulture, $"{r.Setup.TotalSeconds:F1} s"));
        sb.AppendLine();

        if (ratio.Count > 0)
        {
            sb.Append("| round |");
            foreach (var r in results) sb.Append(inv, $" {r.Target} changes/s |");
            foreach (var q in ratio) sb.Append(inv, $" {q.Header} |");
            sb.AppendLine();
            sb.Append("|---:|");
            foreach (var _ in results) sb.Append("---:|");
            foreach (var _ in ratio) sb.Append("---:|");
            sb.AppendLine();
            for (var i = 0; i < results.Min(r => r.Rounds.Count); i++)
            {
                sb.Append(inv, $"| {i + 1} |");
                foreach (var r in results) sb.Append(inv, $" {r.Rounds[i].Window.AppliedPerSecond:F0} |");
                foreach (var q in ratio) sb.Append(inv, $" {results[q.Subject].Rounds[i].Window.AppliedPerSecond / results[q.Baseline].Rounds[i].Window.AppliedPerSecond:F2} |");
                sb.AppendLine();
            }
            sb.Append("| median |");
            foreach (var r in results) sb.Append(inv, $" {r.MedianPeak:F0} |");
            foreach (var q in ratio) sb.Append(inv, $" {results[q.Subject].MedianPeak / results[q.Baseline].MedianPeak:F2} |");
            sb.AppendLine();
            sb.AppendLine();
        }

        var busiest = results.SelectMany(r => r.Rounds.Select(p => p.Window.OtherCpuShare).Append(r.Latency.Window.OtherCpuShare)).DefaultIfEmpty(0).Max();
        if (busiest > 0.1)
        {
            sb.AppendLine(inv, $"**Warning:** other processes used up to {busiest:P0} of the cores during a measured window; the figures of that target are skewed low. Run again on a quiet machine.");
            sb.AppendLine();
        }
        foreach (var r in results.Where(r => r.Storage is not null))
        {
            sb.AppendLine(inv, $"{r.Target} store after the run: {r.Storage}; {r.Commits?.Commits} commits carried {r.Commits?.CommittedMutations} mutations (largest {r.Commits?.LargestBatch}).");
        }
        foreach (var q in ratio)
        {
            // The first ratio is the one held against the target; the others are context.
            var value = results[q.Subject].MedianPeak / results[q.Baseline].MedianPeak;
            var perRound = results[q.Baseline].Rounds.Zip(results[q.Subject].Rounds, (b, h) => h.Window.AppliedPerSecond / b.Window.AppliedPerSecond).ToArray();
            sb.AppendLine();
            var verdict = q == ratio[0] ? string.Create(inv, $" (target ≥ {TargetRatio:0.0}): {(value >= TargetRatio ? "met" : "NOT met")}") : string.Empty;
            var label = q == ratio[0] ? $"**Throughput ratio {q.Header} (ratio of the medians) = {value:F2}**" : $"Throughput ratio {q.Header} (ratio of the medians) = {value:F2}";
            sb.AppendLine(inv, $"{label}, per-round ratios {perRound.Min():F2}–{perRound.Max():F2}{verdict}.");
        }
        sb.AppendLine();
    }

    private static void RenderImport(StringBuilder sb, ImportBenchResult import)
    {
        var inv = CultureInfo.InvariantCulture;
        var mib = import.FileBytes / 1024.0 / 1024.0;
        sb.AppendLine(inv, $"### Import of a {import.Requests}-request Postman collection");
        sb.AppendLine();
        sb.AppendLine(inv, $"- File: a generated v2.1.0 collection, {import.Requests} requests (3 headers, 2 query parameters, a JSON body of about 600 B, a test script, a description) in {import.Folders} folders: {mib:F1} MiB, {import.Entities} entities. Two devices of one account (the real connection library, each on its own profile) on the real hub (SQLite in a temp dir), all in this process.");
        sb.AppendLine(inv, $"- Reading it (`PostmanReader.Read`, after one unmeasured read): {import.Read.TotalMilliseconds:F0} ms; {import.ReadAllocatedBytes / 1024.0 / 1024.0:F1} MiB allocated in all ({import.ReadAllocatedBytes / (double)import.FileBytes:F1} × the file, most of it short-lived), a heap high-water mark {import.ReadPeakBytes / 1024.0 / 1024.0:F1} MiB above the start ({import.ReadPeakBytes / (double)import.FileBytes:F1} × the file), {import.ReadRetainedBytes / 1024.0 / 1024.0:F1} MiB kept as entities ({import.ReadRetainedBytes / (double)import.FileBytes:F1} × the file). Writing it back (`PostmanWriter.WriteCollection`): {import.Write.TotalMilliseconds:F0} ms, {import.WrittenBytes / 1024.0 / 1024.0:F1} MiB.");
        sb.AppendLine("- library: what `synchub import` does: read the file, `CreateManyAsync` (one local transaction into the store and outbox), then the outbox sends it in batches; accepted = queued locally, sent = the importing device in sync. hub: `POST /api/workspaces/{id}/import` (one store transaction); accepted = the response. Reached = from the start until the other device had applied every entity of the file.");
        sb.AppendLine();
        sb.AppendLine("| path | attempt | accepted (ms) | sent (ms) | on the other device (ms) | entities there |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var a in import.Attempts)
        {
            sb.AppendLine(inv, $"| {a.Path} | {a.Number} | {a.Accepted.TotalMilliseconds:F0} | {(a.Sent is { } s ? s.TotalMilliseconds.ToString("F0", inv) : "–")} | {a.Reached.TotalMilliseconds:F0} | {a.Received} / {a.Entities} |");
        }
        sb.AppendLine();
        var worst = import.Attempts.Count == 0 ? TimeSpan.Zero : import.Attempts.Max(a => a.Reached);
        sb.AppendLine(inv, $"**Import: every attempt on the other device within {worst.TotalSeconds:F1} s** ({(import.Complete ? "all entities arrived every time" : "SOME ENTITIES DID NOT ARRIVE")}).");
        sb.AppendLine();
    }

    private static void RenderRestore(StringBuilder sb, RestoreResult restore)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"### Restore of a {restore.Entities}-entity workspace on a new device");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Workspace: {restore.Collections} collections × {restore.RequestsPerCollection} requests + the collections = {restore.Entities} entities, request bodies {restore.PayloadBytes} B of JSON, seeded through raw Mutate batches of 100 in {restore.Seeding.TotalSeconds:F1} s (head seq {restore.HeadSeq}); the real hub (`SyncHubApplication.Create`, SQLite in a temp dir), nothing else running in the process.");
        sb.AppendLine("- Each attempt: the real connection library (`SyncClient`) on a fresh profile directory; timed from `SignInAsync` (password check on the hub included) through `StartAsync` to `WaitForInSyncAsync` returning, then the local store is counted and the device signed out. Opening the fresh profile (`OpenAsync`) is shown apart. Attempts run one after the other in one process, so the first also pays the client's JIT.");
        sb.AppendLine();
        sb.AppendLine("| attempt | sign-in → InSync (ms) | of which SignInAsync (ms) | OpenAsync (ms) | entities in the local store | restored from a snapshot | process CPU (ms) | other processes' CPU |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var a in restore.Attempts)
        {
            sb.AppendLine(inv, $"| {a.Number} | {a.SignInToInSync.TotalMilliseconds:F0} | {a.SignIn.TotalMilliseconds:F0} | {a.Open.TotalMilliseconds:F0} | {a.LocalEntities} / {restore.Entities} | {(a.SnapshotsApplied > 0 ? "yes" : "no (change log)")} | {a.CpuMicroseconds / 1000.0:F0} | {Percent(a.OtherCpuShare)} |");
        }
        sb.AppendLine();
        var median = restore.Median;
        var met = median < RestoreResult.Target && restore.Complete;
        sb.AppendLine(inv, $"**Restore, median of {restore.Attempts.Count}: {median.TotalMilliseconds:F0} ms** (each: {string.Join(", ", restore.Attempts.Select(a => a.SignInToInSync.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} ms; target < {RestoreResult.Target.TotalSeconds:F0} s with every entity local): {(met ? "met" : "NOT met")}{(restore.Complete ? string.Empty : " (some attempt ended without every entity)")}.");
        sb.AppendLine();
    }

    private static void Row(StringBuilder sb, IReadOnlyList<TargetResult> results, IReadOnlyList<ThroughputRatio> ratio, string name, Func<TargetResult, double> value, string format, bool showRatio)
    {
        sb.Append(CultureInfo.InvariantCulture, $"| {name} |");
        foreach (var r in results) sb.Append(CultureInfo.InvariantCulture, $" {Number(value(r), format)} |");
        foreach (var q in ratio) sb.Append(showRatio ? string.Create(CultureInfo.InvariantCulture, $" {value(results[q.Subject]) / value(results[q.Baseline]):F2} |") : " |");
        sb.AppendLine();
    }

    private static void Row(StringBuilder sb, IReadOnlyList<TargetResult> results, IReadOnlyList<ThroughputRatio> ratio, string name, Func<TargetResult, string> value)
    {
        sb.Append(CultureInfo.InvariantCulture, $"| {name} |");
        foreach (var r in results) sb.Append(CultureInfo.InvariantCulture, $" {value(r)} |");
        foreach (var _ in ratio) sb.Append(" |");
        sb.AppendLine();
    }

    private static string Number(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Pair(double a, double b) => $"{Number(a, "F2")} / {Number(b, "F2")}";

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);

    private static double LatencyPhaseSaturation => Driver.LatencyPhase.SaturationSeconds;

    private static string Commits(PhaseResult phase) => phase.Window.Commits == 0
        ? "n/a (no store)"
        : string.Create(CultureInfo.InvariantCulture, $"{phase.Window.CommitsPerSecond:F0}/s, {phase.Window.MutationsPerCommit:F1}");

    private static string Audit(IEnumerable<PhaseResult> phases)
    {
        var all = phases.ToArray();
        var missing = all.Sum(p => p.Audit.MissingDeliveries);
        var shortChanges = all.Sum(p => p.Audit.ChangesShort);
        var echoes = all.Sum(p => p.Echoes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{missing} / {all.Sum(p => p.Duplicates)}{(shortChanges > 0 ? $" ({shortChanges} changes short)" : string.Empty)}{(echoes > 0 ? $", {echoes} echoed to the writer" : string.Empty)}");
    }

    private static string Audit(PhaseResult phase) => string.Create(CultureInfo.InvariantCulture,
        $"{phase.Audit.MissingDeliveries} / {phase.Duplicates}{(phase.Audit.ChangesShort > 0 ? $" ({phase.Audit.ChangesShort} changes short)" : string.Empty)}{(phase.Echoes > 0 ? $", {phase.Echoes} echoed to the writer" : string.Empty)}");

    private static string Errors(PhaseResult phase) => string.Create(CultureInfo.InvariantCulture,
        $"{phase.Rejected} / {phase.Failed}{(phase.Errors.Length > 0 ? $" ({phase.Errors})" : string.Empty)}");
}
