using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;
using SyncHub.Server.Devices;

namespace SyncHub.Server.Redis;

/// <summary>
/// Device events of a cluster, on the Redis channel <see cref="RedisKeys.DeviceEvents"/>. The sending node applies the
/// event to its own connections directly (so a single node behaves as without Redis) while every other node applies it
/// to its own and confirms; the sender waits for as many confirmations as PUBLISH reached other nodes, for at most the
/// event's own duration (a sign-out's grace) plus a margin.
/// </summary>
/// <remarks>
/// Pub/sub delivers to the nodes connected at that moment and keeps nothing: a node that misses a revocation still
/// refuses the device at its next connection (the store is the truth), and closes it at the next invocation check only
/// if it got the event. That is why the sender waits for the confirmations instead of trusting the delivery.
/// </remarks>
internal sealed class RedisDeviceEvents(
    RedisConnection redis,
    HubNode node,
    DeviceEventHandler handler,
    TimeProvider timeProvider,
    ILogger<RedisDeviceEvents> logger) : IDeviceEvents, IHostedService
{
    /// <summary>How long beyond the event's own duration the sender waits for the other nodes' confirmations.</summary>
    internal static readonly TimeSpan ReplyMargin = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, PendingReplies> _pending = new(StringComparer.Ordinal);
    private volatile bool _subscribed;

    /// <inheritdoc />
    public async Task PublishAsync(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        var local = handler.HandleAsync(deviceEvent);
        await BroadcastAsync(deviceEvent).ConfigureAwait(false);
        await local.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.DeviceEvents, OnMessage).ConfigureAwait(false);
            _subscribed = true;
        }
#pragma warning disable CA1031 // Redis may be down at start: the library subscribes again once it reconnects.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ClusterLog.DeviceEventFailed(logger, ex);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscribed = false;
        try
        {
            await redis.Multiplexer.GetSubscriber().UnsubscribeAsync(redis.Keys.DeviceEvents, OnMessage).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The subscription ends with the connection anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ClusterLog.DeviceEventFailed(logger, ex);
        }
    }

    private async Task BroadcastAsync(DeviceEvent deviceEvent)
    {
        var id = Guid.NewGuid().ToString("N");
        var replies = new PendingReplies();
        _pending[id] = replies;
        try
        {
            long receivers;
            try
            {
                receivers = await redis.Multiplexer.GetSubscriber()
                    .PublishAsync(redis.Keys.DeviceEvents, Serialize(new DeviceEventMessage { From = node.Id, Id = id, Event = deviceEvent }))
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                ClusterLog.DeviceEventNotSent(logger, ex, deviceEvent.Kind.ToString());
                return;
            }
            // PUBLISH counts this node's own subscription too; the node applied the event itself.
            var expected = (int)Math.Max(0, receivers - (_subscribed ? 1 : 0));
            replies.Expect(expected);
            var timeout = deviceEvent.Duration + ReplyMargin;
            try
            {
                await replies.All.WaitAsync(timeout, timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ClusterLog.DeviceEventUnconfirmed(logger, replies.Received, expected, deviceEvent.Kind.ToString(), timeout);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        DeviceEventMessage? message;
        try
        {
            message = JsonSerializer.Deserialize((string)value!, DeviceEventJsonContext.Default.DeviceEventMessage);
        }
        catch (JsonException ex)
        {
            ClusterLog.DeviceEventFailed(logger, ex);
            return;
        }
        if (message is null || string.Equals(message.From, node.Id, StringComparison.Ordinal)) return;
        if (message.ReplyTo is not null)
        {
            if (string.Equals(message.To, node.Id, StringComparison.Ordinal) && _pending.TryGetValue(message.ReplyTo, out var replies))
                replies.Reply();
            return;
        }
        if (message.Event is not null && message.Id is not null)
        {
            // Off the subscriber's thread: a sign-out request waits for the device for up to the grace.
            _ = ApplyAsync(message.From, message.Id, message.Event);
        }
    }

    private async Task ApplyAsync(string from, string id, DeviceEvent deviceEvent)
    {
        try
        {
            await handler.HandleAsync(deviceEvent).ConfigureAwait(false);
            await redis.Multiplexer.GetSubscriber()
                .PublishAsync(redis.Keys.DeviceEvents, Serialize(new DeviceEventMessage { From = node.Id, ReplyTo = id, To = from }))
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One node failing an event must not take the subscription down; the sender logs the missing confirmation.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ClusterLog.DeviceEventFailed(logger, ex);
        }
    }

    private static RedisValue Serialize(DeviceEventMessage message) =>
        JsonSerializer.Serialize(message, DeviceEventJsonContext.Default.DeviceEventMessage);
}
