using Spectre.Console;
using SyncHub.LoadTest;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return await LoadCommand.InvokeAsync(args, AnsiConsole.Console, interrupt.Token);
