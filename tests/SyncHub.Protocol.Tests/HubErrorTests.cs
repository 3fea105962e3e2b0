using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

public sealed class HubErrorTests
{
    [Fact]
    public void Parses_the_code_out_of_a_signalr_wrapped_hub_exception()
    {
        var text = "An unexpected error occurred invoking 'GetChanges' on the server. HubException: forbidden: You are not a member of workspace w1.";
        HubError.TryParse(text, out var error).Should().BeTrue();
        error.Code.Should().Be(ErrorCodes.Forbidden);
        error.Message.Should().Be("You are not a member of workspace w1.");
    }

    [Fact]
    public void Round_trips_its_own_format()
    {
        var original = new HubError(ErrorCodes.PayloadTooLarge, "The body is 2 MiB: the limit is 1 MiB.");
        HubError.TryParse(original.Format(), out var parsed).Should().BeTrue();
        parsed.Should().Be(original);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no code here")]
    [InlineData("Bad Code: message")]
    public void Refuses_text_without_a_code(string text) => HubError.TryParse(text, out _).Should().BeFalse();
}
