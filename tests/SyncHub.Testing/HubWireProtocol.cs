namespace SyncHub.Testing;

/// <summary>The SignalR hub protocol a test connection speaks.</summary>
public enum HubWireProtocol
{
    /// <summary>The JSON hub protocol.</summary>
    Json,

    /// <summary>The MessagePack hub protocol.</summary>
    MessagePack,
}
