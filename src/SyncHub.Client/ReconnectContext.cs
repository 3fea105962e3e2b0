namespace SyncHub.Client;

/// <summary>What a <see cref="IReconnectPolicy"/> knows about the failed attempts so far.</summary>
/// <param name="PreviousRetryCount">Attempts that failed since the connection was last good (0 before the first retry).</param>
/// <param name="ElapsedTime">Time since the connection was lost or the first attempt started.</param>
/// <param name="RetryReason">Why the last attempt failed.</param>
public sealed record ReconnectContext(int PreviousRetryCount, TimeSpan ElapsedTime, Exception? RetryReason);
