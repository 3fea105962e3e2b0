using System.Runtime.InteropServices;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// Turns Ctrl+C into cancellation of the innermost operation that is running (a command, or a <c>watch</c> inside the
/// shell) instead of killing the process, so that the engine stops cleanly and the shell survives. A second Ctrl+C
/// while the first is still being honoured ends the process. SIGTERM cancels everything and gives the process a few
/// seconds to stop the engine before it ends anyway.
/// </summary>
internal sealed class ConsoleInterrupts : IDisposable
{
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    // Innermost last: a CancellationTokenSource to cancel, or an Action for "idle at the shell prompt".
    private readonly List<object> _scopes = [];
    private readonly CancellationTokenSource _terminating = new();
    private PosixSignalRegistration? _sigterm;

    private ConsoleInterrupts() { }

    /// <summary>Cancelled on SIGTERM.</summary>
    public CancellationToken Terminating => _terminating.Token;

    public static ConsoleInterrupts Install()
    {
        var interrupts = new ConsoleInterrupts();
        Console.CancelKeyPress += interrupts.OnCancelKeyPress;
        interrupts._sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, interrupts.OnTerminate);
        return interrupts;
    }

    public void Enter(object scope)
    {
        lock (_gate) _scopes.Add(scope);
    }

    public void Leave(object scope)
    {
        lock (_gate)
        {
            var index = _scopes.LastIndexOf(scope);
            if (index >= 0) _scopes.RemoveAt(index);
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _terminating.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        lock (_gate)
        {
            switch (_scopes.Count > 0 ? _scopes[^1] : null)
            {
                case CancellationTokenSource { IsCancellationRequested: false } operation:
                    e.Cancel = true;
                    operation.Cancel();
                    break;
                case Action idle:
                    e.Cancel = true;
                    idle();
                    break;
                default:
                    // Nothing to cancel, or asked twice: let the process end.
                    break;
            }
        }
    }

    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (_gate)
        {
            foreach (var operation in _scopes.OfType<CancellationTokenSource>()) operation.Cancel();
        }
        _terminating.Cancel();
        // A shell blocked reading stdin cannot see the cancellation; do not outstay the signal.
        _ = Task.Delay(TerminationGrace).ContinueWith(_ => Environment.Exit(143), TaskScheduler.Default);
    }
}
