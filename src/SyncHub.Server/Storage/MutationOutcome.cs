using SyncHub.Protocol;

namespace SyncHub.Server.Storage;

/// <summary>What the store did with one mutation: the answer for the device and, when it was newly applied, the change to publish.</summary>
public sealed record MutationOutcome(MutationResult Result, Change? Change);
