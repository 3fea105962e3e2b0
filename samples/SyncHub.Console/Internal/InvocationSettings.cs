using System.CommandLine;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>The hub (one URL or several nodes) and the profile one command works with, after command line, environment and defaults.</summary>
internal sealed record InvocationSettings(IReadOnlyList<Uri> ServerUrls, bool ServerGiven, string ProfileDirectory, bool Verbose)
{
    public const string DefaultServer = "http://localhost:5080";

    /// <summary>The first node: the one register and login try first.</summary>
    public Uri ServerUrl => ServerUrls[0];

    /// <summary>The nodes as a person reads them.</summary>
    public string ServersText => string.Join(", ", ServerUrls);

    /// <param name="fallback">Inside the shell: the shell's own settings, which a line's options may only narrow.</param>
    public static InvocationSettings Resolve(ParseResult parseResult, GlobalOptions options, SynchubConsole console, InvocationSettings? fallback)
    {
        var serverTexts = parseResult.GetValue(options.Server) ?? [];
        var serverGiven = serverTexts.Length > 0;
        IReadOnlyList<Uri> serverUrls;
        if (!serverGiven && fallback is not null)
        {
            serverUrls = fallback.ServerUrls;
            serverGiven = fallback.ServerGiven;
        }
        else
        {
            if (!serverGiven) serverTexts = [NonEmpty(console.GetEnvironmentVariable("SYNCHUB_SERVER")) ?? DefaultServer];
            serverUrls = ParseServers(serverTexts);
        }

        var profileText = parseResult.GetValue(options.Profile);
        string profile;
        if (profileText is null && fallback is not null)
        {
            profile = fallback.ProfileDirectory;
        }
        else
        {
            profileText ??= NonEmpty(console.GetEnvironmentVariable("SYNCHUB_PROFILE")) ?? Path.Combine(console.HomeDirectory, ".synchub");
            profile = ExpandProfile(profileText, console.HomeDirectory);
        }

        var verbose = parseResult.GetValue(options.Verbose) || (fallback?.Verbose ?? false);
        return new InvocationSettings(serverUrls, serverGiven, profile, verbose);
    }

    /// <summary>Every URL of every value (each may list several, comma-separated), in order, each once.</summary>
    private static List<Uri> ParseServers(IEnumerable<string> texts)
    {
        var urls = new List<Uri>();
        foreach (var part in texts.SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (part.Length == 0)
                throw new UsageException($"The server list has an empty entry: give URLs separated by commas, such as {DefaultServer},http://localhost:5081.");
            var url = ParseServer(part);
            if (!urls.Any(u => OneShotClientHost.SameServer(u, url))) urls.Add(url);
        }
        return urls;
    }

    private static Uri ParseServer(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
            throw new UsageException($"The server must be an http:// or https:// URL such as {DefaultServer}, not '{text}'.");
        return url;
    }

    private static string ExpandProfile(string text, string home)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException("The profile folder must not be empty.");
        if (text == "~") text = home;
        else if (text.StartsWith("~/", StringComparison.Ordinal)) text = Path.Combine(home, text[2..]);
        try
        {
            return Path.GetFullPath(text);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"The profile folder '{text}' is not a valid path: {e.Message}", e);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
