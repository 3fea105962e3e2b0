namespace SyncHub.LoadTest;

/// <summary>The run so far, for the live display.</summary>
public sealed record LoadSnapshot(
    string Phase,
    TimeSpan Elapsed,
    int Devices,
    long Connected,
    long Written,
    long Delivered,
    double P50,
    double P99,
    IReadOnlyDictionary<string, long> Errors);
