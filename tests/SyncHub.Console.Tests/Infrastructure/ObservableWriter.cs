using System.Text;

namespace SyncHub.Console.Tests;

/// <summary>A thread-safe writer a test can wait on, for output written while a command (watch) keeps running.</summary>
public sealed class ObservableWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly SemaphoreSlim _written = new(0);

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate) return _text.ToString();
        }
    }

    public override void Write(char value)
    {
        lock (_gate) _text.Append(value);
        _written.Release();
    }

    public override void Write(string? value)
    {
        lock (_gate) _text.Append(value);
        _written.Release();
    }

    public async Task WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition(Text))
        {
            try
            {
                await _written.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The output did not show what was expected within {timeout}. Output so far:\n{Text}");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _written.Dispose();
        base.Dispose(disposing);
    }
}
