using Spectre.Console;
using SyncHub.LoadTest;

// Every device's local store commits synchronously (SQLite, synchronous=FULL), on whichever pool thread the library
// runs on. On a real device that blocks only that device; here thousands share one pool, whose minimum is the core
// count, so a few fsyncs at once stall every other device's receive loop until the pool grows (a thread every half
// second or so), and the fan-out latency measured would be the generator's queueing, not the hub's. Enough threads up front
// keep the devices as independent as they are on separate machines.
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(completionPorts, 128));

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return await LoadCommand.InvokeAsync(args, AnsiConsole.Console, interrupt.Token);
