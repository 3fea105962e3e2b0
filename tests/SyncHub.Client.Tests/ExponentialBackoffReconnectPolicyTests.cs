namespace SyncHub.Client.Tests;

public sealed class ExponentialBackoffReconnectPolicyTests
{
    [Fact]
    public void Defaults_start_at_250_ms_double_and_cap_at_30_s()
    {
        var policy = new ExponentialBackoffReconnectPolicy();
        policy.Ceiling(0).Should().Be(TimeSpan.FromMilliseconds(250));
        policy.Ceiling(1).Should().Be(TimeSpan.FromMilliseconds(500));
        policy.Ceiling(2).Should().Be(TimeSpan.FromSeconds(1));
        policy.Ceiling(6).Should().Be(TimeSpan.FromSeconds(16));
        policy.Ceiling(7).Should().Be(TimeSpan.FromSeconds(30));
        policy.Ceiling(10_000).Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Delays_are_full_jitter_within_the_ceiling_and_never_give_up()
    {
        var policy = new ExponentialBackoffReconnectPolicy(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), new Random(42));
        var seen = new List<TimeSpan>();
        for (var retry = 0; retry < 200; retry++)
        {
            var delay = policy.NextRetryDelay(new ReconnectContext(retry, TimeSpan.FromMinutes(retry), null));
            delay.Should().NotBeNull("the default policy retries for as long as the engine runs");
            delay!.Value.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero).And.BeLessThanOrEqualTo(policy.Ceiling(retry));
            seen.Add(delay.Value);
        }
        // Full jitter: at the cap, delays spread over the whole range rather than sitting at the ceiling.
        var capped = seen.Skip(10).ToList();
        capped.Min().Should().BeLessThan(TimeSpan.FromSeconds(10));
        capped.Max().Should().BeGreaterThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_seeded_random_gives_repeatable_delays()
    {
        var a = new ExponentialBackoffReconnectPolicy(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), new Random(7));
        var b = new ExponentialBackoffReconnectPolicy(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), new Random(7));
        for (var retry = 0; retry < 20; retry++)
        {
            var context = new ReconnectContext(retry, TimeSpan.Zero, null);
            a.NextRetryDelay(context).Should().Be(b.NextRetryDelay(context));
        }
    }
}
