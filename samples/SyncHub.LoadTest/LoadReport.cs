namespace SyncHub.LoadTest;

/// <summary>What a run measured and found; written as JSON to <see cref="LoadOptions.ReportPath"/> and shown as a table.</summary>
public sealed record LoadReport
{
    public DateTimeOffset StartedAt { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    public int Accounts { get; init; }

    public int DevicesPerAccount { get; init; }

    /// <summary>The target rate in changes per second; 0 when writing as fast as the hub takes.</summary>
    public double TargetRate { get; init; }

    public int Payload { get; init; }

    public double Churn { get; init; }

    /// <summary>Accounts this run registered (the others came from the state of an earlier run).</summary>
    public int AccountsRegistered { get; init; }

    /// <summary>Devices this run signed in (the others reused the profile of an earlier run).</summary>
    public int DevicesSignedIn { get; init; }

    public double SignInSeconds { get; init; }

    public int DevicesConnected { get; init; }

    /// <summary>The connect phase, first start to last device in sync.</summary>
    public double ConnectSeconds { get; init; }

    /// <summary>Per device: start to in sync.</summary>
    public LatencyFigures ConnectTime { get; init; } = new();

    /// <summary>Resident memory of the hub processes named by <c>--hub-pid</c> (summed), before and after the connect phase.</summary>
    public long? HubMemoryBefore { get; init; }

    public long? HubMemoryAfter { get; init; }

    /// <summary>(after − before) / devices connected.</summary>
    public long? HubMemoryPerDevice { get; init; }

    public double WriteSeconds { get; init; }

    /// <summary>Seconds of unmeasured writes before the write phase (<c>--warmup</c>).</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Changes written in the warm-up: in the verification, not in <see cref="Written"/> or the rates.</summary>
    public long WarmupWritten { get; init; }

    /// <summary>Writes made in the write phase (online and offline).</summary>
    public long Written { get; init; }

    public long WrittenOffline { get; init; }

    /// <summary>Changes of the run the hub holds at the end.</summary>
    public long Accepted { get; init; }

    /// <summary>Accepted changes per second: accepted / (write start → every outbox empty).</summary>
    public double AcceptedPerSecond { get; init; }

    public long Delivered { get; init; }

    /// <summary>Deliveries per second: deliveries / (write start → last delivery).</summary>
    public double DeliveriesPerSecond { get; init; }

    /// <summary>Fan-out latency: a write on one device (its local CreateAsync) to its arrival on each other device; online writes only.</summary>
    public LatencyFigures FanOut { get; init; } = new();

    public double DrainSeconds { get; init; }

    /// <summary>Errors by stable code, from the devices' statuses and refused writes.</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    public Verification Verification { get; init; } = new();

    /// <summary>0 when the verification passed, 1 when it failed (or did not run).</summary>
    public int ExitCode => Verification.Passed ? 0 : 1;
}
