using SyncHub.Server.Devices;

namespace SyncHub.Server.Redis;

/// <summary>
/// What travels on <see cref="RedisKeys.DeviceEvents"/>: an event from a node (<see cref="Event"/> set), or a node's
/// confirmation that it applied one (<see cref="ReplyTo"/> and <see cref="To"/> set).
/// </summary>
internal sealed class DeviceEventMessage
{
    /// <summary>The node that sent the message.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>The event's id, which the confirmations name.</summary>
    public string? Id { get; set; }

    /// <summary>The event, in an event message.</summary>
    public DeviceEvent? Event { get; set; }

    /// <summary>The id of the event confirmed, in a confirmation.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>The node that sent the event confirmed, in a confirmation.</summary>
    public string? To { get; set; }
}
