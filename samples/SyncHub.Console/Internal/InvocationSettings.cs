using System.CommandLine;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>The hub and the profile one command works with, after command line, environment and defaults.</summary>
internal sealed record InvocationSettings(Uri ServerUrl, bool ServerGiven, string ProfileDirectory, bool Verbose)
{
    public const string DefaultServer = "http://localhost:5080";

    /// <param name="fallback">Inside the shell: the shell's own settings, which a line's options may only narrow.</param>
    public static InvocationSettings Resolve(ParseResult parseResult, GlobalOptions options, SynchubConsole console, InvocationSettings? fallback)
    {
        var serverText = parseResult.GetValue(options.Server);
        var serverGiven = serverText is not null;
        Uri serverUrl;
        if (serverText is null && fallback is not null)
        {
            serverUrl = fallback.ServerUrl;
            serverGiven = fallback.ServerGiven;
        }
        else
        {
            serverText ??= NonEmpty(console.GetEnvironmentVariable("SYNCHUB_SERVER")) ?? DefaultServer;
            serverUrl = ParseServer(serverText);
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
        return new InvocationSettings(serverUrl, serverGiven, profile, verbose);
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
