namespace SyncHub.Server.Devices;

/// <summary>Device events of a hub that is its only node: applied here, at once.</summary>
internal sealed class LocalDeviceEvents(DeviceEventHandler handler) : IDeviceEvents
{
    public Task PublishAsync(DeviceEvent deviceEvent) => handler.HandleAsync(deviceEvent);
}
