using Microsoft.Data.Sqlite;

namespace SyncHub.Client.Tests;

/// <summary>A temp folder for one test's profile; deleted afterwards.</summary>
internal sealed class TempProfile : IDisposable
{
    public TempProfile()
    {
        Directory = Path.Combine(Path.GetTempPath(), "synchub-client-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
