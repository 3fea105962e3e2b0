namespace SyncHub.Client;

/// <summary>Decides how long to wait before the next connection attempt.</summary>
public interface IReconnectPolicy
{
    /// <summary>The delay before the next attempt, or null to stop retrying.</summary>
    TimeSpan? NextRetryDelay(ReconnectContext context);
}
