using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>How a bounded sync ended.</summary>
/// <param name="Status">The last status seen.</param>
/// <param name="InSync">Online, caught up, nothing pending.</param>
/// <param name="TimedOut">Time ran out before it settled either way.</param>
internal sealed record SyncOutcome(SyncStatus Status, bool InSync, bool TimedOut)
{
    /// <summary>The error to report when not in sync: the engine's, or a timeout of our own.</summary>
    public (string Code, string Message) Failure(TimeSpan timeout) =>
        Status.ErrorCode is { } code
            ? (code, Status.ErrorMessage ?? "The hub could not be reached.")
            : (Protocol.ErrorCodes.Timeout, $"Not in sync after {StatusText.Seconds(timeout)} (state: {StatusText.Label(Status, signedIn: true)}).");
}
