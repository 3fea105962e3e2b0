using System.Diagnostics.Metrics;

namespace SyncHub.Client.Internal;

/// <summary>The "SyncHub.Client" meter: pending changes, pushes applied, gaps pulled.</summary>
internal sealed class SyncClientMetrics : IDisposable
{
    public const string MeterName = "SyncHub.Client";

    private readonly Meter _meter;
    private readonly Counter<long> _pushesApplied;
    private readonly Counter<long> _gapsPulled;
    private readonly Counter<long> _mutationsAcknowledged;

    public SyncClientMetrics(Func<int> pending)
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableGauge("synchub.client.pending_changes", pending, "{change}", "Local changes waiting for the hub.");
        _pushesApplied = _meter.CreateCounter<long>("synchub.client.pushes_applied", "{change}", "Pushed changes applied in order.");
        _gapsPulled = _meter.CreateCounter<long>("synchub.client.gaps_pulled", "{pull}", "Pulls made because a pushed change was missing.");
        _mutationsAcknowledged = _meter.CreateCounter<long>("synchub.client.mutations_acknowledged", "{change}", "Local changes the hub answered.");
    }

    public void PushesApplied(int count) => _pushesApplied.Add(count);

    public void GapPulled() => _gapsPulled.Add(1);

    public void MutationsAcknowledged(int count) => _mutationsAcknowledged.Add(count);

    public void Dispose() => _meter.Dispose();
}
