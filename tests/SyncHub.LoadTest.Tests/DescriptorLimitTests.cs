using FluentAssertions;
using SyncHub.LoadTest.Internal;

namespace SyncHub.LoadTest.Tests;

public sealed class DescriptorLimitTests : IDisposable
{
    private readonly string _limits = Path.Combine(Path.GetTempPath(), $"limits-{Guid.NewGuid():N}");

    public DescriptorLimitTests() => File.WriteAllText(_limits, """
        Limit                     Soft Limit           Hard Limit           Units
        Max cpu time              unlimited            unlimited            seconds
        Max open files            20000                20000                files
        Max locked memory         8388608              8388608              bytes
        """);

    public void Dispose() => File.Delete(_limits);

    [Fact]
    public void Reads_the_soft_open_files_limit() =>
        DescriptorLimit.ReadSoftLimit(_limits).Should().Be(20000);

    [Fact]
    public void Devices_that_fit_get_no_warning() =>
        DescriptorLimit.Check(3000, _limits).Should().BeNull();

    [Fact]
    public void Too_many_devices_for_the_limit_get_a_warning_that_says_where_the_run_would_stop_and_what_to_do()
    {
        var warning = DescriptorLimit.Check(10_000, _limits);

        warning.Should().NotBeNull();
        warning.Should().Contain("10000 devices").And.Contain("20000").And.Contain("4936 connected devices")
            .And.Contain("ulimit -n").And.Contain("--state");
    }

    [Fact]
    public void An_unknown_limit_gives_no_warning() =>
        DescriptorLimit.Check(1_000_000, _limits + "-missing").Should().BeNull();
}
