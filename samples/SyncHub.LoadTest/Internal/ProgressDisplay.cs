using System.Globalization;
using Spectre.Console;

namespace SyncHub.LoadTest.Internal;

/// <summary>Shows the run as it goes: in place on a terminal, one line per interval otherwise (CI logs).</summary>
internal sealed class ProgressDisplay(IAnsiConsole console, LoadRunner runner, TimeSpan interval, bool live)
{
    private LoadSnapshot? _previous;

    public async Task RunUntilAsync(Task run)
    {
        if (live && console.Profile.Capabilities.Interactive)
        {
            await console.Live(Render(runner.Snapshot())).AutoClear(false).StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(interval)).ConfigureAwait(false);
                    context.UpdateTarget(Render(runner.Snapshot()));
                }
            }).ConfigureAwait(false);
            return;
        }
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(interval)).ConfigureAwait(false);
            // Straight to the writer: a log line must not be wrapped at the console's width.
            if (!run.IsCompleted) await console.Profile.Out.Writer.WriteLineAsync(Line(runner.Snapshot())).ConfigureAwait(false);
        }
    }

    private (double Send, double Deliver) Rates(LoadSnapshot now)
    {
        var before = _previous;
        _previous = now;
        if (before is null) return (0, 0);
        var seconds = (now.Elapsed - before.Elapsed).TotalSeconds;
        return seconds <= 0 ? (0, 0) : ((now.Written - before.Written) / seconds, (now.Delivered - before.Delivered) / seconds);
    }

    private Table Render(LoadSnapshot s)
    {
        var (send, deliver) = Rates(s);
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("phase", "elapsed", "connected", "sent/s", "delivered/s", "p50", "p99", "errors");
        table.AddRow(
            Markup.Escape(s.Phase), s.Elapsed.ToString(@"m\:ss", inv), $"{s.Connected}/{s.Devices}",
            send.ToString("0", inv), deliver.ToString("0", inv), s.P50.ToString("0.0", inv) + " ms", s.P99.ToString("0.0", inv) + " ms",
            Markup.Escape(Errors(s)));
        return table;
    }

    private string Line(LoadSnapshot s)
    {
        var (send, deliver) = Rates(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{s.Elapsed:m\\:ss}] {s.Phase}: connected {s.Connected}/{s.Devices}, sent {send:0}/s, delivered {deliver:0}/s, p50 {s.P50:0.0} ms, p99 {s.P99:0.0} ms, errors: {Errors(s)}");
    }

    private static string Errors(LoadSnapshot s) => s.Errors.Count == 0 ? "none" : string.Join(", ", s.Errors.Select(e => $"{e.Key} {e.Value}"));
}
