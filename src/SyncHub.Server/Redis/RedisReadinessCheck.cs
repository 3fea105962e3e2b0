using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SyncHub.Server.Redis;

/// <summary>
/// Readiness in cluster mode: the store's Redis answers a PING and can take writes. A Redis that is up but refuses
/// writes (a read-only replica after a failover, <c>maxmemory</c> reached under <c>noeviction</c>) fails too: the node
/// would answer every mutation <c>unavailable</c>.
/// </summary>
internal sealed class RedisReadinessCheck(RedisConnection redis) : IHealthCheck
{
    /// <summary>The check's name in the readiness report.</summary>
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var db = redis.Database;
            var latency = await db.PingAsync().ConfigureAwait(false);
            // A key of its own under the hub's prefix: a write proves the primary takes writes, and it expires by itself.
            await db.StringSetAsync($"{redis.Keys.Prefix}:readiness", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis did not answer: {ex.GetType().Name}.", ex);
        }
    }
}
