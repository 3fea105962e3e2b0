namespace SyncHub.LoadTest.Internal;

/// <summary>One device's part of the verification: what it wrote, what it received and what it holds at the end.</summary>
internal sealed record DeviceRecord(
    string Name,
    IReadOnlyList<string> Written,
    IReadOnlyList<Delivery> Deliveries,
    IReadOnlyDictionary<string, EntityState> FinalState,
    IReadOnlySet<string> Refused);
