namespace SyncHub.Bench;

/// <summary>What every scenario does between measurements: a full collection, and removing its temp directories.</summary>
internal static class BenchHousekeeping
{
    /// <summary>Collects everything, so that garbage of one phase or target is not collected on the next one's clock.</summary>
    public static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>Deletes a temp directory; one left behind is harmless (SQLite may hold a file a moment longer).</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
