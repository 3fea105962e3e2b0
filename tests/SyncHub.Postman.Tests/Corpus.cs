namespace SyncHub.Postman.Tests;

/// <summary>Finds the shared corpus of real Postman files (never copied into the repository).</summary>
internal static class Corpus
{
    private const string Relative = "shared/corpus/postman";

    /// <summary>The corpus folder, or null when it is nowhere to be found.</summary>
    public static string? Folder { get; } = Locate();

    /// <summary>Where the corpus was looked for, for the message when it is missing.</summary>
    public static IReadOnlyList<string> Candidates { get; } = CandidateFolders().ToList();

    public static IEnumerable<string> DataFiles() =>
        Folder is null
            ? []
            : Directory.EnumerateFiles(Folder, "*.json")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => !name.StartsWith("schema-", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder!, name));

    private static string? Locate() => CandidateFolders().FirstOrDefault(Directory.Exists);

    private static IEnumerable<string> CandidateFolders()
    {
        if (Environment.GetEnvironmentVariable("SYNCHUB_CORPUS") is { Length: > 0 } env)
        {
            yield return Path.Combine(env, "postman");
            yield return env;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, Relative);
            yield return Path.Combine(dir.FullName, "corpus", "postman");
        }
        yield return "/work/shared/corpus/postman";
    }
}
