using Microsoft.Extensions.Logging;
using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>The shell's one client, open for the whole session with its engine running, so that the prompt is live.</summary>
internal sealed class ShellClientHost(InvocationSettings shellSettings, TimeSpan signOutFlushTimeout) : IClientHost, IAsyncDisposable
{
    private SyncClient? _client;
    private IReadOnlyList<Uri>? _openedFor;
    private ILoggerFactory? _loggerFactory;

    public bool EngineRunsInBackground => true;

    public SyncClient? Client => _client;

    public async Task<SyncClient> GetClientAsync(InvocationSettings settings, bool forSignIn, CancellationToken cancellationToken)
    {
        if (!string.Equals(settings.ProfileDirectory, shellSettings.ProfileDirectory, StringComparison.Ordinal))
        {
            throw new UsageException(
                $"This shell works on the profile {shellSettings.ProfileDirectory}; start another synchub for --profile {settings.ProfileDirectory}.");
        }

        // The library takes its hub for register and login when it opens; a signed-out shell may switch hubs.
        if (_client is { Session: null } && forSignIn && _openedFor is not null && !OneShotClientHost.SameServers(_openedFor, settings.ServerUrls))
            await CloseAsync();

        if (_client is null)
        {
            (_client, _loggerFactory) = await SyncClientFactory.OpenAsync(settings, signOutFlushTimeout, cancellationToken);
            _openedFor = settings.ServerUrls;
        }
        return _client;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task CloseAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        _client = null;
        _loggerFactory?.Dispose();
        _loggerFactory = null;
    }
}
