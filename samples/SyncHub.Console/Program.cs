using SyncHub.ConsoleClient;
using SyncHub.ConsoleClient.Internal;

using var interrupts = ConsoleInterrupts.Install();
var console = new SynchubConsole(Console.Out, Console.Error, Console.In)
{
    UseColor = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
    Interrupts = interrupts,
};
return await SynchubApp.RunAsync(args, console, interrupts.Terminating);
