using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SyncHub.Bench.Bare;

/// <summary>Per-workspace counters the bare hub hands out as seq, so its answers look like the real hub's without a store.</summary>
internal sealed class BareSequenceCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _heads = new(StringComparer.Ordinal);

    public long Next(string workspaceId) => Interlocked.Increment(ref Box(workspaceId).Value);

    public long Head(string workspaceId) => Volatile.Read(ref Box(workspaceId).Value);

    private StrongBox<long> Box(string workspaceId) => _heads.GetOrAdd(workspaceId, static _ => new StrongBox<long>());
}
