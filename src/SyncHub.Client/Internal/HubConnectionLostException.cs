namespace SyncHub.Client.Internal;

/// <summary>The hub connection closed or broke under an invocation; the engine reconnects.</summary>
internal sealed class HubConnectionLostException : Exception
{
    public HubConnectionLostException() : base("The connection to the hub was lost.") { }

    public HubConnectionLostException(string message) : base(message) { }

    public HubConnectionLostException(string message, Exception? innerException) : base(message, innerException) { }
}
