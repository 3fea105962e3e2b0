namespace SyncHub.Bench.Import;

/// <summary>The import scenario: the file, what reading it cost, and every import of it.</summary>
internal sealed record ImportBenchResult
{
    public required int Requests { get; init; }

    public required int Folders { get; init; }

    public required int Entities { get; init; }

    public required long FileBytes { get; init; }

    public required TimeSpan Read { get; init; }

    /// <summary>Bytes allocated while reading the file into entities (garbage included).</summary>
    public required long ReadAllocatedBytes { get; init; }

    /// <summary>Managed heap growth still held once the file is read: the entities themselves.</summary>
    public required long ReadRetainedBytes { get; init; }

    /// <summary>The managed heap's high-water mark above where it started, while reading (sampled every millisecond).</summary>
    public required long ReadPeakBytes { get; init; }

    public required TimeSpan Write { get; init; }

    public required long WrittenBytes { get; init; }

    public required IReadOnlyList<ImportAttempt> Attempts { get; init; }

    public bool Complete => Attempts.Count > 0 && Attempts.All(a => a.Received == a.Entities);
}
