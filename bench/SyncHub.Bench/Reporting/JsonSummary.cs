using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncHub.Bench.Reporting;

/// <summary>
/// The headline figures of the throughput and cluster scenarios as JSON (<c>--json</c>), for scripts that compare them
/// with other measurements of the same run (bench/cluster.sh holds synchub-load's steady rate against the bare hub's peak).
/// </summary>
internal static class JsonSummary
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(string path, BenchOptions options, IEnumerable<TargetResult> results, CancellationToken cancellationToken)
    {
        var summary = new
        {
            accounts = options.Accounts,
            devicesPerAccount = options.DevicesPerAccount,
            payload = options.PayloadBytes,
            targets = results.Select(r => new
            {
                target = r.Target,
                medianPeak = Math.Round(r.MedianPeak, 1),
                rounds = r.Rounds.Select(p => Math.Round(p.Window.AppliedPerSecond, 1)).ToArray(),
                latency = Phase(r.Latency),
                sustainableLatency = r.SustainableLatency is { } s ? Phase(s) : null,
                missing = r.Rounds.Append(r.Warmup).Append(r.Latency).Sum(p => p.Audit.MissingDeliveries) + (r.SustainableLatency?.Audit.MissingDeliveries ?? 0),
            }).ToArray(),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var stream = File.Create(full);
        await JsonSerializer.SerializeAsync(stream, summary, Options, cancellationToken).ConfigureAwait(false);
    }

    private static object Phase(PhaseResult phase) => new
    {
        offeredRate = phase.OfferedRate is { } rate ? Math.Round(rate, 1) : (double?)null,
        acceptedPerSecond = Math.Round(phase.Window.AppliedPerSecond, 1),
        keptUp = phase.KeptUp,
        fanOut = phase.FanOut,
    };
}
