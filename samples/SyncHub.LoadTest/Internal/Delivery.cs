namespace SyncHub.LoadTest.Internal;

/// <summary>One change a device received from the hub, as the library reported it.</summary>
internal readonly record struct Delivery(long Seq, string EntityId, string Op);
