namespace SyncHub.Client.TestSupport;

/// <summary>What random schedules did, summed: shows that a run exercised what it claims to (conflicts, offline, restarts).</summary>
public sealed class ScheduleTotals
{
    public int Edits { get; set; }

    public int Landed { get; set; }

    public int Conflicts { get; set; }

    public int FailedParentGone { get; set; }

    public int RefusedLocally { get; set; }

    public int Resolved { get; set; }

    public int Toggles { get; set; }

    public int Restarts { get; set; }

    public void Add(ScheduleTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Edits += other.Edits;
        Landed += other.Landed;
        Conflicts += other.Conflicts;
        FailedParentGone += other.FailedParentGone;
        RefusedLocally += other.RefusedLocally;
        Resolved += other.Resolved;
        Toggles += other.Toggles;
        Restarts += other.Restarts;
    }

    public override string ToString() =>
        $"{Edits} edits: {Landed} landed, {Conflicts} held as conflicts, {FailedParentGone} failed with their parent gone; " +
        $"{Resolved} conflicts resolved, {RefusedLocally} refused locally, {Toggles} offline/online switches, {Restarts} restarts";
}
