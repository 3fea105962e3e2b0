using SyncHub.Protocol;

namespace SyncHub.Server.Hubs;

/// <summary>
/// Sends committed changes to the devices subscribed to their workspace. Best-effort: a lost push is
/// found by the device as a seq gap and pulled. Registered in DI so that a host can replace or decorate it.
/// </summary>
public interface IChangePublisher
{
    /// <summary>Pushes consecutive changes of one workspace to its group, except to <paramref name="originConnectionId"/> (the connection that made them).</summary>
    Task PublishAsync(ChangesPush push, string? originConnectionId, CancellationToken cancellationToken);
}
