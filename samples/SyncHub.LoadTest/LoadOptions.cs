namespace SyncHub.LoadTest;

/// <summary>What one run of <c>synchub-load</c> does; every property has the command line's default.</summary>
public sealed class LoadOptions
{
    /// <summary>The hub nodes. Device <c>i</c> lists them starting at <c>i mod n</c>, so sign-ins and connections spread evenly.</summary>
    public IReadOnlyList<Uri> Urls { get; set; } = [new Uri("http://localhost:5080/")];

    /// <summary>Accounts to drive.</summary>
    public int Accounts { get; set; } = 100;

    /// <summary>Devices per account (the hub's own limit is 3).</summary>
    public int Devices { get; set; } = 3;

    /// <summary>Where accounts (state.json) and device profiles are kept, so a later run reuses them.</summary>
    public string StateDirectory { get; set; } = "synchub-load-state";

    /// <summary>Usernames are <c>{prefix}-{n}</c>.</summary>
    public string Prefix { get; set; } = "load";

    /// <summary>Devices started per second in the connect phase.</summary>
    public double RampRate { get; set; } = 200;

    /// <summary>Parallel account registrations and sign-ins (each costs the hub a password hash).</summary>
    public int SignInConcurrency { get; set; } = 8;

    /// <summary>Changes per second over all devices; 0 writes as fast as the hub takes them (each device keeps <see cref="Window"/> unacknowledged).</summary>
    public double Rate { get; set; }

    /// <summary>In the as-fast-as-possible mode, unacknowledged writes per device.</summary>
    public int Window { get; set; } = 2;

    /// <summary>How long the write phase lasts.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Writes at the same rate before the measured write phase: verified like the rest, not in the figures.</summary>
    public TimeSpan Warmup { get; set; } = TimeSpan.Zero;

    /// <summary>The approximate size of each written request, in bytes of JSON.</summary>
    public int Payload { get; set; } = 300;

    /// <summary>Fraction of the devices that drop, edit offline and come back during the write phase (0 = no churn).</summary>
    public double Churn { get; set; }

    /// <summary>How long a churned device stays offline.</summary>
    public TimeSpan OfflineTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Edits a churned device makes while offline.</summary>
    public int OfflineEdits { get; set; } = 3;

    /// <summary>How long the drain may take before the run is failed.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Where the JSON report goes.</summary>
    public string ReportPath { get; set; } = "synchub-load-report.json";

    /// <summary>Live progress in place (false: a plain line per interval, as in CI logs).</summary>
    public bool Live { get; set; } = true;

    /// <summary>How often progress is shown.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Hub processes on this machine whose resident memory is read before and after the connect phase.</summary>
    public IReadOnlyList<int> HubProcessIds { get; set; } = [];

    /// <summary>Skip the verification step (only for sizing runs where its reload would dominate).</summary>
    public bool SkipVerification { get; set; }

    /// <summary>The first problem in these options, or null.</summary>
    public string? Validate()
    {
        if (Urls.Count == 0) return "--url: give at least one hub URL.";
        if (Urls.Any(u => !u.IsAbsoluteUri || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))) return "--url: every URL must be absolute http:// or https://.";
        if (Accounts < 1) return "--accounts must be at least 1.";
        if (Devices < 2) return "--devices must be at least 2 (a change needs another device to reach).";
        if (RampRate <= 0) return "--ramp must be above 0 devices per second.";
        if (SignInConcurrency < 1) return "--sign-in-concurrency must be at least 1.";
        if (Rate < 0) return "--rate must be 0 (as fast as the hub takes) or above.";
        if (Window < 1) return "--window must be at least 1.";
        if (Duration <= TimeSpan.Zero) return "--duration must be above 0.";
        if (Payload < 0 || Payload > 900_000) return "--payload must be between 0 and 900000 bytes.";
        if (Churn is < 0 or > 1) return "--churn must be a fraction between 0 and 1.";
        if (OfflineEdits < 0) return "--offline-edits must be 0 or more.";
        if (DrainTimeout <= TimeSpan.Zero) return "--drain-timeout must be above 0.";
        if (string.IsNullOrWhiteSpace(Prefix) || Prefix.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) return "--prefix: letters, digits and '-' only.";
        return null;
    }
}
