using System.Text;
using Spectre.Console;

namespace SyncHub.LoadTest.Internal;

/// <summary>A <see cref="TextWriter"/> onto an <see cref="IAnsiConsole"/>, for System.CommandLine's help output.</summary>
internal sealed class HelpWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Write(new Text(value.ToString()));

    public override void Write(string? value)
    {
        if (value is not null) console.Write(new Text(value));
    }
}
