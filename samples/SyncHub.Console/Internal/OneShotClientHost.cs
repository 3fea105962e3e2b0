using Microsoft.Extensions.Logging;
using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Opens the profile once for the single command of this process and closes it at the end.</summary>
internal sealed class OneShotClientHost(SynchubConsole console) : IClientHost, IAsyncDisposable
{
    private SyncClient? _client;
    private ILoggerFactory? _loggerFactory;

    public bool EngineRunsInBackground => false;

    public async Task<SyncClient> GetClientAsync(InvocationSettings settings, bool forSignIn, CancellationToken cancellationToken)
    {
        if (_client is not null) return _client;
        (_client, _loggerFactory) = await SyncClientFactory.OpenAsync(settings, console.EditSyncTimeout, cancellationToken);
        if (!forSignIn && settings.ServerGiven && _client.Session is { } session && !SameServers(session.ServerUrls, settings.ServerUrls))
            await console.Error.WriteLineAsync($"Note: --server is ignored; this profile is signed in to {string.Join(", ", session.ServerUrls)}.");
        return _client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        _loggerFactory?.Dispose();
    }

    internal static bool SameServers(IReadOnlyList<Uri> a, IReadOnlyList<Uri> b) =>
        a.Count == b.Count && a.Zip(b).All(p => SameServer(p.First, p.Second));

    internal static bool SameServer(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        || string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
