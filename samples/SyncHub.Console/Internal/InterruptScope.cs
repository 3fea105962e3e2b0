namespace SyncHub.ConsoleClient.Internal;

/// <summary>The cancellation of one operation: the caller's token, plus Ctrl+C on a real console.</summary>
internal sealed class InterruptScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ConsoleInterrupts? _interrupts;

    private InterruptScope(CancellationTokenSource source, ConsoleInterrupts? interrupts)
    {
        _source = source;
        _interrupts = interrupts;
        interrupts?.Enter(source);
    }

    public CancellationToken Token => _source.Token;

    public static InterruptScope Begin(SynchubConsole console, CancellationToken cancellationToken) =>
        new(CancellationTokenSource.CreateLinkedTokenSource(cancellationToken), console.Interrupts);

    public void Dispose()
    {
        _interrupts?.Leave(_source);
        _source.Dispose();
    }
}
