using System.Diagnostics.Metrics;
using SyncHub.Protocol;

namespace SyncHub.Server.Diagnostics;

/// <summary>
/// The hub's instruments on the meter <c>SyncHub</c> (listed in docs/OPERATIONS.md), plus running totals that tests
/// and benchmarks read directly from the host's services (a process may run several hubs at once).
/// </summary>
public sealed class SyncHubMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SyncHub";

    /// <summary>The tag that carries a refused mutation's error code.</summary>
    public const string CodeTag = "code";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _pushed;
    private readonly Counter<long> _catchUpPages;
    private readonly Histogram<int> _commitBatchSize;
    private Func<int>? _connectedDevices;
    private long _appliedTotal;
    private long _refusedTotal;
    private long _conflictsTotal;
    private long _pushedTotal;
    private long _catchUpPagesTotal;
    private long _commits;
    private long _committedMutations;
    private long _largestCommitBatch;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SyncHubMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableUpDownCounter<long>("synchub.devices.connected", () => ConnectedDevices, "{device}",
            "Devices with at least one open hub connection on this node.");
        _accepted = meter.CreateCounter<long>("synchub.mutations.accepted", "{mutation}", "Mutations accepted (stored with a new seq).");
        _refused = meter.CreateCounter<long>("synchub.mutations.refused", "{mutation}", "Mutations refused, tagged by error code (conflicts are counted apart).");
        _conflicts = meter.CreateCounter<long>("synchub.mutations.conflicts", "{mutation}", "Mutations answered 'conflict' (the entity moved on and the same field was edited).");
        _pushed = meter.CreateCounter<long>("synchub.changes.pushed", "{change}", "Changes handed to the live push.");
        _catchUpPages = meter.CreateCounter<long>("synchub.catchup.pages", "{page}", "Change pages sent to devices catching up (GetChanges and StreamChanges).");
        _commitBatchSize = meter.CreateHistogram<int>("synchub.commit.batch_size", "{mutation}", "Mutations committed per transaction (per flush).");
    }

    /// <summary>Devices with at least one open hub connection on this node now.</summary>
    public int ConnectedDevices => _connectedDevices?.Invoke() ?? 0;

    /// <summary>Mutations applied (accepted) since start.</summary>
    public long MutationsApplied => Interlocked.Read(ref _appliedTotal);

    /// <summary>Mutations refused since start (conflicts not included).</summary>
    public long MutationsRefused => Interlocked.Read(ref _refusedTotal);

    /// <summary>Mutations answered 'conflict' since start.</summary>
    public long Conflicts => Interlocked.Read(ref _conflictsTotal);

    /// <summary>Changes handed to the live push since start.</summary>
    public long ChangesPushed => Interlocked.Read(ref _pushedTotal);

    /// <summary>Change pages sent to catching-up devices since start.</summary>
    public long CatchUpPages => Interlocked.Read(ref _catchUpPagesTotal);

    /// <summary>Write transactions committed (flushes) since start.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Mutations that went through the writer in those commits.</summary>
    public long CommittedMutations => Interlocked.Read(ref _committedMutations);

    /// <summary>The most mutations one commit carried.</summary>
    public long LargestCommitBatch => Interlocked.Read(ref _largestCommitBatch);

    // Read at each collection rather than counted up and down: the registry's own count cannot drift from the truth.
    internal void ObserveConnectedDevices(Func<int> count) => _connectedDevices = count;

    internal void MutationApplied()
    {
        _accepted.Add(1);
        Interlocked.Increment(ref _appliedTotal);
    }

    /// <summary>Counts an answer that was not 'applied': a conflict, or a refusal under its code.</summary>
    internal void MutationNotApplied(MutationResult result)
    {
        if (result.Status == MutationStatuses.Conflict) MutationConflicted();
        else MutationRefused(result.Code ?? ErrorCodes.InvalidRequest);
    }

    internal void MutationRefused(string code)
    {
        _refused.Add(1, new KeyValuePair<string, object?>(CodeTag, code));
        Interlocked.Increment(ref _refusedTotal);
    }

    internal void MutationConflicted()
    {
        _conflicts.Add(1);
        Interlocked.Increment(ref _conflictsTotal);
    }

    internal void ChangesPublished(int count)
    {
        _pushed.Add(count);
        Interlocked.Add(ref _pushedTotal, count);
    }

    internal void CatchUpPageSent()
    {
        _catchUpPages.Add(1);
        Interlocked.Increment(ref _catchUpPagesTotal);
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
