using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace SyncHub.LoadTest.Internal;

/// <summary>The report as a JSON file and as a table for the terminal.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task WriteJsonAsync(LoadReport report, string path, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Json, ct).ConfigureAwait(false);
    }

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    public static Table Table(LoadReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Title("synchub-load report").AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("hub URLs", string.Join(", ", report.Urls));
        Row("accounts × devices", $"{report.Accounts} × {report.DevicesPerAccount}");
        Row("registered / signed in (this run)", $"{report.AccountsRegistered} / {report.DevicesSignedIn} in {report.SignInSeconds.ToString("0.0", inv)} s");
        Row("connected", $"{report.DevicesConnected} in {report.ConnectSeconds.ToString("0.0", inv)} s");
        Row("connect time p50 / p99 / max", Ms(report.ConnectTime.P50, report.ConnectTime.P99, report.ConnectTime.Max));
        if (report.HubMemoryPerDevice is { } perDevice)
            Row("hub memory (before → after, per device)", string.Create(inv, $"{Mib(report.HubMemoryBefore)} → {Mib(report.HubMemoryAfter)}, {perDevice / 1024.0:0.0} KiB"));
        Row("target rate", report.TargetRate > 0 ? string.Create(inv, $"{report.TargetRate:0} changes/s") : "as fast as the hub takes");
        Row("written (offline)", string.Create(inv, $"{report.Written} ({report.WrittenOffline}) in {report.WriteSeconds:0.0} s"));
        Row("accepted", string.Create(inv, $"{report.Accepted} ({report.AcceptedPerSecond:0.0}/s)"));
        Row("delivered", string.Create(inv, $"{report.Delivered} ({report.DeliveriesPerSecond:0.0}/s)"));
        Row("fan-out p50 / p90 / p99", Ms(report.FanOut.P50, report.FanOut.P90, report.FanOut.P99));
        Row("fan-out p99.9 / max", Ms(report.FanOut.P999, report.FanOut.Max));
        Row("drain", string.Create(inv, $"{report.DrainSeconds:0.0} s"));
        Row("errors", report.Errors.Count == 0 ? "none" : string.Join(", ", report.Errors.Select(e => $"{e.Key} {e.Value}")));
        var v = report.Verification;
        Row("verification", !v.Ran ? "skipped" : v.Passed ? "PASSED" : "FAILED");
        if (v.Ran)
        {
            Row("  expected deliveries", v.Expected.ToString(inv));
            Row("  missing / duplicate / unexpected / out of order", $"{v.Missing} / {v.Duplicates} / {v.Unexpected} / {v.OutOfOrder}");
            Row("  lost / refused writes", $"{v.Lost} / {v.Refused}");
            Row("  devices unlike the hub", $"{v.StateMismatches} of {v.Devices}");
        }
        return table;
    }

    private static string Ms(params double[] values) => string.Join(" / ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture))) + " ms";

    private static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0", CultureInfo.InvariantCulture) + " MiB" : "?";
}
