namespace SyncHub.LoadTest.Internal;

/// <summary>
/// Checks one run's records against the hub's state, account by account. Every write of a run creates a new entity, so a
/// change is identified by its entity id: each must reach each other device of the account once, in sequence order.
/// </summary>
internal sealed class Verifier
{
    private const int MaxProblems = 20;

    private readonly List<string> _problems = [];
    private int _devices;
    private long _expected, _missing, _duplicates, _unexpected, _outOfOrder, _lost, _refused, _mismatches;

    /// <summary>Checks the devices of one account against <paramref name="hubState"/>, the hub's entities of its workspace.</summary>
    public void CheckAccount(string account, IReadOnlyList<DeviceRecord> devices, IReadOnlyDictionary<string, EntityState> hubState)
    {
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal); // entity id -> writer
        foreach (var device in devices)
        {
            foreach (var id in device.Written)
            {
                if (hubState.ContainsKey(id)) accepted[id] = device.Name;
                else if (device.Refused.Contains(id)) _refused++;
                else
                {
                    _lost++;
                    Problem($"{account}: {device.Name} wrote {id}, which the hub neither holds nor refused.");
                }
            }
        }

        foreach (var device in devices)
        {
            _devices++;
            var own = new HashSet<string>(device.Written, StringComparer.Ordinal);
            var expected = accepted.Where(a => a.Value != device.Name).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            var others = devices.Where(d => d != device).SelectMany(d => d.Written).ToHashSet(StringComparer.Ordinal);
            _expected += expected.Count;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long previousSeq = long.MinValue;
            foreach (var delivery in device.Deliveries)
            {
                // Seq 0 is a restore from a snapshot (a device that comes back with no cursor yet): it states what the hub
                // holds, so it delivers what the device had not received, and repeats without harm what it had or wrote.
                if (delivery.Seq == 0)
                {
                    if (own.Contains(delivery.EntityId) || seen.Contains(delivery.EntityId)) continue;
                    if (others.Contains(delivery.EntityId)) seen.Add(delivery.EntityId);
                    else
                    {
                        _unexpected++;
                        Problem($"{account}: {device.Name} restored {delivery.EntityId}, which no other device wrote in this run.");
                    }
                    continue;
                }
                if (delivery.Seq <= previousSeq)
                {
                    _outOfOrder++;
                    Problem($"{account}: {device.Name} received seq {delivery.Seq} after seq {previousSeq}.");
                }
                previousSeq = delivery.Seq;
                if (own.Contains(delivery.EntityId))
                {
                    _unexpected++;
                    Problem($"{account}: {device.Name} received its own change of {delivery.EntityId} back as another device's.");
                }
                else if (!others.Contains(delivery.EntityId))
                {
                    _unexpected++;
                    Problem($"{account}: {device.Name} received a change of {delivery.EntityId}, which no other device wrote in this run.");
                }
                else if (!seen.Add(delivery.EntityId))
                {
                    _duplicates++;
                    Problem($"{account}: {device.Name} received the change of {delivery.EntityId} more than once.");
                }
            }
            foreach (var id in expected)
            {
                if (seen.Contains(id)) continue;
                _missing++;
                Problem($"{account}: {device.Name} never received {accepted[id]}'s change of {id}.");
            }
            var difference = FirstDifference(device.FinalState, hubState);
            if (difference is not null)
            {
                _mismatches++;
                Problem($"{account}: {device.Name} holds a state other than the hub's: {difference}");
            }
        }
    }

    public Verification Result(bool drained) => new()
    {
        Ran = true,
        Drained = drained,
        Devices = _devices,
        Expected = _expected,
        Missing = _missing,
        Duplicates = _duplicates,
        Unexpected = _unexpected,
        OutOfOrder = _outOfOrder,
        Lost = _lost,
        Refused = _refused,
        StateMismatches = _mismatches,
        Problems = drained ? [.. _problems] : ["The drain timed out: some device did not empty its outbox or catch up.", .. _problems],
    };

    private static string? FirstDifference(IReadOnlyDictionary<string, EntityState> device, IReadOnlyDictionary<string, EntityState> hub)
    {
        foreach (var (id, state) in hub)
        {
            if (!device.TryGetValue(id, out var mine)) return $"{id} is missing ({hub.Count} entities on the hub, {device.Count} on the device).";
            if (mine != state) return $"{id} differs (version {mine.Version} here, {state.Version} on the hub).";
        }
        foreach (var id in device.Keys)
        {
            if (!hub.ContainsKey(id)) return $"{id} is on the device but not on the hub.";
        }
        return null;
    }

    private void Problem(string problem)
    {
        if (_problems.Count < MaxProblems) _problems.Add(problem);
    }
}
