namespace SyncHub.Bench.Reporting;

/// <summary>A column of the comparison table: the figure of target <paramref name="Subject"/> over that of <paramref name="Baseline"/> (indexes into the results).</summary>
internal sealed record ThroughputRatio(int Subject, int Baseline, string Header);
