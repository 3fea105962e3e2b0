using SyncHub.ConsoleClient.Internal;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-usage");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("add")]
    [InlineData("add", "collection")]
    [InlineData("add", "widget", "X")]
    [InlineData("add", "folder", "only-a-parent")]
    [InlineData("rename", "id-only")]
    [InlineData("login", "ada")]
    [InlineData("ls", "--bogus")]
    [InlineData("sync", "--timeout", "0")]
    [InlineData("sync", "--timeout", "soon")]
    [InlineData("--server", "not a url", "login", "ada", "secret-password")]
    [InlineData("--server", "http://127.0.0.1:9/,,http://127.0.0.1:10/", "login", "ada", "secret-password")]
    [InlineData("--server", "http://127.0.0.1:9/", "--server", "ftp://127.0.0.1:10/", "login", "ada", "secret-password")]
    public async Task Usage_errors_exit_2_with_a_message_on_stderr(params string[] args)
    {
        var run = await new Synchub(Path.Combine(_temp.Path, "p")).RunAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Out.Should().BeEmpty();
        run.Err.Should().Contain("error: ");
    }

    [Fact]
    public async Task Help_exits_0_and_lists_the_commands()
    {
        var run = await new Synchub(Path.Combine(_temp.Path, "p")).RunAsync("--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("synchub").And.Contain("register").And.Contain("watch").And.Contain("--profile");
    }

    [Theory]
    [InlineData("add collection \"My API\"", new[] { "add", "collection", "My API" })]
    [InlineData("  rename  abc 'it''s'  ", new[] { "rename", "abc", "its" })]
    [InlineData("rename abc \"say \\\"hi\\\"\"", new[] { "rename", "abc", "say \"hi\"" })]
    [InlineData("rename abc two\\ words \"\"", new[] { "rename", "abc", "two words", "" })]
    public void Shell_lines_split_like_a_posix_shell(string line, string[] expected) =>
        ShellLineSplitter.Split(line).Should().Equal(expected);

    [Fact]
    public void An_unclosed_quote_is_a_usage_error() =>
        FluentActions.Invoking(() => ShellLineSplitter.Split("add collection \"oops")).Should().Throw<UsageException>();
}
