using Microsoft.AspNetCore.SignalR;
using SyncHub.Protocol;

namespace SyncHub.Testing;

/// <summary>Checks that a hub invocation failed with a given error code.</summary>
public static class HubErrorAssertions
{
    /// <summary>Awaits <paramref name="call"/>, expects a <see cref="HubException"/> whose text parses to <paramref name="code"/>, and returns the parsed error.</summary>
    public static async Task<HubError> ShouldFailWithCodeAsync(this Task call, string code)
    {
        ArgumentNullException.ThrowIfNull(call);
        var exception = await FluentActions.Awaiting(() => call.WaitAsync(TestTimeouts.Default)).Should().ThrowAsync<HubException>();
        HubError.TryParse(exception.Which.Message, out var error).Should().BeTrue($"'{exception.Which.Message}' should carry an error code");
        error.Code.Should().Be(code, exception.Which.Message);
        return error;
    }
}
