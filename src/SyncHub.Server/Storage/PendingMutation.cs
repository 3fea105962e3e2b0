using SyncHub.Protocol;

namespace SyncHub.Server.Storage;

/// <summary>A mutation that passed the hub's checks (ids, op, kind, membership, body) and waits for the store.</summary>
public sealed record PendingMutation(Mutation Mutation, string DeviceId);
