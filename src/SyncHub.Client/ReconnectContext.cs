namespace SyncHub.Client;

/// <summary>What a <see cref="IReconnectPolicy"/> knows about the failed attempts so far.</summary>
/// <param name="PreviousRetryCount">
/// Rounds of attempts that failed since the connection was last good (0 before the first retry). A round tries each hub
/// node of the session once; with one node it is one attempt.
/// </param>
/// <param name="ElapsedTime">Time since the connection was lost or the first attempt started.</param>
/// <param name="RetryReason">Why the last attempt failed.</param>
public sealed record ReconnectContext(int PreviousRetryCount, TimeSpan ElapsedTime, Exception? RetryReason);
