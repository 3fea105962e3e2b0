namespace SyncHub.Bench.Driver;

/// <summary>
/// What did not arrive: <paramref name="MissingDeliveries"/> pushes owed to devices for applied changes,
/// over <paramref name="ChangesShort"/> changes; <paramref name="DeliveredUnacknowledged"/> changes pushed
/// although their Mutate was not acknowledged as applied.
/// </summary>
internal sealed record DeliveryAudit(long MissingDeliveries, long ChangesShort, long DeliveredUnacknowledged);
