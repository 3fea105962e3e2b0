using SyncHub.ConsoleClient;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

/// <summary>
/// Runs the real synchub command tree in-process (<see cref="SynchubApp.RunAsync(string[], SynchubConsole, CancellationToken)"/>)
/// on one profile directory: one instance is one device. The environment is empty, so SYNCHUB_* of the machine never leak in.
/// </summary>
public sealed class Synchub(string profileDirectory, Uri? server = null)
{
    public string ProfileDirectory { get; } = profileDirectory;

    public Uri? Server { get; set; } = server;

    public Task<CommandRun> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public async Task<CommandRun> RunWithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SynchubApp.RunAsync(Arguments(args), NewConsole(output, error, new StringReader(stdin))).WaitAsync(TestTimeouts.Default);
        return new CommandRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a long-lived command (watch) until <paramref name="cancellationToken"/> is cancelled, writing to the given writers.</summary>
    public Task<int> StartAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken, params string[] args) =>
        SynchubApp.RunAsync(Arguments(args), NewConsole(output, error, TextReader.Null), cancellationToken);

    public async Task<string> AddAsync(params string[] args)
    {
        var run = await RunAsync(["add", .. args]);
        run.ExitCode.Should().Be(0, run.ToString());
        run.OutLines.Should().ContainSingle(run.ToString());
        return run.OutLines[0];
    }

    public async Task SignInAsync(string login, string password = TestAccounts.DefaultPassword, string device = "console test")
    {
        var run = await RunAsync("login", login, password, "--device", device);
        run.ExitCode.Should().Be(0, run.ToString());
    }

    public async Task SyncAsync()
    {
        var run = await RunAsync("sync", "--timeout", "20");
        run.ExitCode.Should().Be(0, run.ToString());
    }

    private string[] Arguments(string[] args) =>
        Server is null ? ["--profile", ProfileDirectory, .. args] : ["--profile", ProfileDirectory, "--server", Server.ToString(), .. args];

    private SynchubConsole NewConsole(TextWriter output, TextWriter error, TextReader input) => new(output, error, input)
    {
        GetEnvironmentVariable = _ => null,
        HomeDirectory = ProfileDirectory,
    };
}
