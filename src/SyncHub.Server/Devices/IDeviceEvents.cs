namespace SyncHub.Server.Devices;

/// <summary>
/// Delivers a <see cref="DeviceEvent"/> to every node of the hub: this node alone with the SQLite store, every node of the
/// cluster in cluster mode. Completes when every node applied it (a sign-out request: once each node's connections of
/// the device acknowledged, closed or used up the grace), or after a bounded wait for nodes that do not answer.
/// </summary>
internal interface IDeviceEvents
{
    /// <summary>Applies <paramref name="deviceEvent"/> on every node. Not cancellable: an event that started finishes.</summary>
    Task PublishAsync(DeviceEvent deviceEvent);
}
