using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>What one command invocation works with.</summary>
internal sealed class CommandContext(SynchubConsole console, InvocationSettings settings, IClientHost host)
{
    public SynchubConsole Console => console;

    public InvocationSettings Settings => settings;

    public IClientHost Host => host;

    public TextWriter Out => console.Out;

    public TextWriter Error => console.Error;

    public Task<SyncClient> GetClientAsync(CancellationToken cancellationToken) =>
        host.GetClientAsync(settings, forSignIn: false, cancellationToken);

    public async Task<SyncClient> GetSignedInClientAsync(CancellationToken cancellationToken)
    {
        var client = await GetClientAsync(cancellationToken);
        if (client.Session is null)
            throw new CommandFailedException(ConsoleErrorCodes.NotSignedIn, "Not signed in: run 'synchub login LOGIN PASSWORD' first.");
        return client;
    }

    /// <summary>Writes a result line to stdout and flushes it, so that a script sees it even if a later step hangs.</summary>
    public async Task WriteResultAsync(string line)
    {
        await console.Out.WriteLineAsync(line);
        await console.Out.FlushAsync();
    }

    public Task InformAsync(string message) => console.Error.WriteLineAsync(message);
}
