namespace SyncHub.Testing;

/// <summary>A fresh directory under the system temp folder, deleted on dispose unless <see cref="Keep"/> is set.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>When true, dispose leaves the directory (e.g. to look at a failed test's files).</summary>
    public bool Keep { get; set; }

    /// <summary>Creates a new empty directory whose name starts with <paramref name="prefix"/>.</summary>
    public static TempDirectory Create(string prefix = "synchub") => new(CreatePath(prefix));

    /// <summary>Creates a new empty directory and returns its path; the caller deletes it (<see cref="TryDelete"/>).</summary>
    public static string CreatePath(string prefix = "synchub")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "synchub-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a directory tree, retrying briefly while files are still being released; never throws.</summary>
    public static void TryDelete(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!Keep) TryDelete(Path);
    }
}
