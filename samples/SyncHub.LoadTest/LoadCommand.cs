using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SyncHub.LoadTest.Internal;

namespace SyncHub.LoadTest;

/// <summary>The command line of <c>synchub-load</c>: options, help, and the run with its exit code.</summary>
public static class LoadCommand
{
    /// <summary>Verification passed.</summary>
    public const int Passed = 0;

    /// <summary>The run finished but verification failed (or could not finish): something was lost, doubled or out of order.</summary>
    public const int VerificationFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The run could not go on (see the message).</summary>
    public const int RunFailed = 3;

    private static readonly LoadOptions Defaults = new();

    private static readonly Option<string[]> Urls = new("--url", "-u")
    {
        Description = "A hub node's URL; repeat it (or separate with commas) for a cluster. Device i starts at node i mod n, so devices spread over the nodes.",
        HelpName = "URL",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [.. Defaults.Urls.Select(u => u.ToString())],
    };

    private static readonly Option<int> Accounts = new("--accounts", "-n") { Description = "Accounts to drive.", DefaultValueFactory = _ => Defaults.Accounts };
    private static readonly Option<int> Devices = new("--devices", "-d") { Description = "Devices per account (the hub allows 3 unless configured otherwise).", DefaultValueFactory = _ => Defaults.Devices };
    private static readonly Option<string> State = new("--state") { Description = "Directory of the accounts and device profiles; a later run with the same directory reuses them instead of signing in again.", HelpName = "DIR", DefaultValueFactory = _ => Defaults.StateDirectory };
    private static readonly Option<string> Prefix = new("--prefix") { Description = "Usernames are PREFIX-TAG-N (TAG is random per state directory).", DefaultValueFactory = _ => Defaults.Prefix };
    private static readonly Option<double> Ramp = new("--ramp") { Description = "Devices started per second in the connect phase.", HelpName = "PER_SECOND", DefaultValueFactory = _ => Defaults.RampRate };
    private static readonly Option<int> SignInConcurrency = new("--sign-in-concurrency") { Description = "Accounts registered and signed in at once (each sign-in costs the hub a password hash).", DefaultValueFactory = _ => Defaults.SignInConcurrency };
    private static readonly Option<double> Rate = new("--rate", "-r") { Description = "Changes per second over all devices, spread round-robin; 0 writes as fast as the hub takes (see --window).", HelpName = "PER_SECOND", DefaultValueFactory = _ => Defaults.Rate };
    private static readonly Option<int> Window = new("--window") { Description = "With --rate 0: writes each device keeps unacknowledged.", DefaultValueFactory = _ => Defaults.Window };
    private static readonly Option<double> Duration = new("--duration", "-t") { Description = "Seconds of the write phase.", HelpName = "SECONDS", DefaultValueFactory = _ => Defaults.Duration.TotalSeconds };
    private static readonly Option<double> Warmup = new("--warmup") { Description = "Seconds of writes before the measured write phase, at the same rate (hubs just started are still compiling and filling caches); written and verified, not counted in the rates and latencies.", HelpName = "SECONDS", DefaultValueFactory = _ => Defaults.Warmup.TotalSeconds };
    private static readonly Option<int> Payload = new("--payload") { Description = "Bytes of JSON per written request.", HelpName = "BYTES", DefaultValueFactory = _ => Defaults.Payload };
    private static readonly Option<double> Churn = new("--churn") { Description = "Fraction of the devices that, over and over during the write phase, drop, edit offline and come back (0: none).", HelpName = "FRACTION", DefaultValueFactory = _ => Defaults.Churn };
    private static readonly Option<double> OfflineTime = new("--offline-time") { Description = "Seconds a churned device stays offline.", HelpName = "SECONDS", DefaultValueFactory = _ => Defaults.OfflineTime.TotalSeconds };
    private static readonly Option<int> OfflineEdits = new("--offline-edits") { Description = "Edits a churned device makes while offline.", DefaultValueFactory = _ => Defaults.OfflineEdits };
    private static readonly Option<double> DrainTimeout = new("--drain-timeout") { Description = "Seconds the drain may take (every outbox empty, every change delivered) before the run fails.", HelpName = "SECONDS", DefaultValueFactory = _ => Defaults.DrainTimeout.TotalSeconds };
    private static readonly Option<string> Report = new("--report", "-o") { Description = "Where the JSON report is written.", HelpName = "FILE", DefaultValueFactory = _ => Defaults.ReportPath };
    private static readonly Option<bool> NoLive = new("--no-live") { Description = "Print a progress line per interval instead of updating in place (the default when output is not a terminal)." };
    private static readonly Option<double> Interval = new("--progress-interval") { Description = "Seconds between progress updates.", HelpName = "SECONDS", DefaultValueFactory = _ => Defaults.ProgressInterval.TotalSeconds };
    private static readonly Option<int[]> HubPids = new("--hub-pid") { Description = "A hub process on this machine whose resident memory is read before and after the connect phase (repeat for several); gives memory per device.", HelpName = "PID", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<bool> NoVerify = new("--no-verify") { Description = "Skip the verification (exits 1: a run that did not verify cannot gate a release)." };

    /// <summary>The root command, with every option and its help.</summary>
    public static RootCommand Build(IAnsiConsole console)
    {
        var root = new RootCommand(
            "Drives accounts of devices against a SyncHub hub or cluster through the real connection library: sign-in (or reuse of an " +
            "earlier run's state), connect at a ramp, write at a rate or as fast as the hub takes, optional churn, drain; then checks that " +
            "every device got every change of its workspace exactly once and in order and holds what the hub holds. " +
            "Exit codes: 0 verified, 1 verification failed, 2 usage, 3 the run could not go on.");
        foreach (var option in new Option[] { Urls, Accounts, Devices, State, Prefix, Ramp, SignInConcurrency, Rate, Window, Duration, Warmup, Payload, Churn, OfflineTime, OfflineEdits, DrainTimeout, Report, NoLive, Interval, HubPids, NoVerify })
            root.Options.Add(option);
        root.SetAction((result, ct) => RunAsync(console, ToOptions(result), ct));
        return root;
    }

    /// <summary>Parses and runs; parse and option errors exit with <see cref="Usage"/>.</summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console);
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in result.Errors) console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            console.WriteLine("Try 'synchub-load --help'.");
            return Usage;
        }
        if (result.Action is { ClearsParseErrors: true })
            return await result.InvokeAsync(new InvocationConfiguration { Output = new HelpWriter(console) }, cancellationToken).ConfigureAwait(false);
        var options = ToOptions(result);
        if (options.Validate() is { } problem)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}");
            return Usage;
        }
        return await RunAsync(console, options, cancellationToken).ConfigureAwait(false);
    }

    internal static LoadOptions ToOptions(ParseResult result)
    {
        var urls = (result.GetValue(Urls) ?? [])
            .SelectMany(u => u.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(u => Uri.TryCreate(u.EndsWith('/') ? u : u + "/", UriKind.Absolute, out var uri) ? uri : new Uri("invalid:" + Uri.EscapeDataString(u)))
            .ToList();
        return new LoadOptions
        {
            Urls = urls,
            Accounts = result.GetValue(Accounts),
            Devices = result.GetValue(Devices),
            StateDirectory = result.GetValue(State) ?? Defaults.StateDirectory,
            Prefix = result.GetValue(Prefix) ?? Defaults.Prefix,
            RampRate = result.GetValue(Ramp),
            SignInConcurrency = result.GetValue(SignInConcurrency),
            Rate = result.GetValue(Rate),
            Window = result.GetValue(Window),
            Duration = Seconds(result.GetValue(Duration)),
            Warmup = Seconds(result.GetValue(Warmup)),
            Payload = result.GetValue(Payload),
            Churn = result.GetValue(Churn),
            OfflineTime = Seconds(result.GetValue(OfflineTime)),
            OfflineEdits = result.GetValue(OfflineEdits),
            DrainTimeout = Seconds(result.GetValue(DrainTimeout)),
            ReportPath = result.GetValue(Report) ?? Defaults.ReportPath,
            Live = !result.GetValue(NoLive),
            ProgressInterval = Seconds(Math.Max(0.05, result.GetValue(Interval))),
            HubProcessIds = result.GetValue(HubPids) ?? [],
            SkipVerification = result.GetValue(NoVerify),
        };
    }

    private static TimeSpan Seconds(double value) => value is > 0 and < 1e7 ? TimeSpan.FromSeconds(value) : TimeSpan.Zero;

    private static async Task<int> RunAsync(IAnsiConsole console, LoadOptions options, CancellationToken ct)
    {
        if (DescriptorLimit.Check(options.Accounts * options.Devices) is { } warning)
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        await using var runner = new LoadRunner(options);
        var run = runner.RunAsync(ct);
        await new ProgressDisplay(console, runner, options.ProgressInterval, options.Live).RunUntilAsync(run).ConfigureAwait(false);
        LoadReport report;
        try
        {
            report = await run.ConfigureAwait(false);
        }
        catch (LoadException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return RunFailed;
        }
        catch (Client.SyncException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Code)}: {Markup.Escape(ex.Message)}");
            return RunFailed;
        }
        console.Write(ReportWriter.Table(report));
        foreach (var problem in report.Verification.Problems) console.MarkupLine($"[yellow]problem:[/] {Markup.Escape(problem)}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {Path.GetFullPath(options.ReportPath)}"));
        return report.ExitCode;
    }
}
