using System.Diagnostics.Metrics;

namespace SyncHub.Server.Diagnostics;

/// <summary>
/// The hub's instruments on the meter <c>SyncHub.Server</c>, plus running totals that tests and
/// benchmarks read directly from the host's services (a process may run several hubs at once).
/// </summary>
public sealed class SyncHubMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SyncHub.Server";

    private readonly Counter<long> _applied;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _pushed;
    private readonly Histogram<int> _commitBatchSize;
    private long _appliedTotal;
    private long _rejectedTotal;
    private long _pushedTotal;
    private long _commits;
    private long _committedMutations;
    private long _largestCommitBatch;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SyncHubMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _applied = meter.CreateCounter<long>("synchub.mutations.applied", "{mutation}", "Mutations applied (stored with a new seq).");
        _rejected = meter.CreateCounter<long>("synchub.mutations.rejected", "{mutation}", "Mutations refused or in conflict, tagged by code.");
        _pushed = meter.CreateCounter<long>("synchub.changes.pushed", "{change}", "Changes handed to the live push.");
        _commitBatchSize = meter.CreateHistogram<int>("synchub.commit.batch_size", "{mutation}", "Mutations committed per transaction (per flush).");
    }

    /// <summary>Mutations applied since start.</summary>
    public long MutationsApplied => Interlocked.Read(ref _appliedTotal);

    /// <summary>Mutations rejected or in conflict since start.</summary>
    public long MutationsRejected => Interlocked.Read(ref _rejectedTotal);

    /// <summary>Changes handed to the live push since start.</summary>
    public long ChangesPushed => Interlocked.Read(ref _pushedTotal);

    /// <summary>Write transactions committed (flushes) since start.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Mutations that went through the writer in those commits.</summary>
    public long CommittedMutations => Interlocked.Read(ref _committedMutations);

    /// <summary>The most mutations one commit carried.</summary>
    public long LargestCommitBatch => Interlocked.Read(ref _largestCommitBatch);

    internal void MutationApplied()
    {
        _applied.Add(1);
        Interlocked.Increment(ref _appliedTotal);
    }

    internal void MutationRejected(string code)
    {
        _rejected.Add(1, new KeyValuePair<string, object?>("code", code));
        Interlocked.Increment(ref _rejectedTotal);
    }

    internal void ChangesPublished(int count)
    {
        _pushed.Add(count);
        Interlocked.Add(ref _pushedTotal, count);
    }

    internal void Committed(int batchSize)
    {
        _commitBatchSize.Record(batchSize);
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedMutations, batchSize);
        long largest;
        while (batchSize > (largest = Interlocked.Read(ref _largestCommitBatch)))
        {
            if (Interlocked.CompareExchange(ref _largestCommitBatch, batchSize, largest) == largest) break;
        }
    }
}
