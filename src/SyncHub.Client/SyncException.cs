namespace SyncHub.Client;

/// <summary>An error with a stable code (see <see cref="SyncHub.Protocol.ErrorCodes"/>); the message is for a person.</summary>
public class SyncException : Exception
{
    /// <summary>Creates an exception with an unknown code.</summary>
    public SyncException() : this("unknown", "An unknown error occurred.") { }

    /// <summary>Creates an exception with an unknown code.</summary>
    public SyncException(string message) : this("unknown", message) { }

    /// <summary>Creates an exception with an unknown code and an inner exception.</summary>
    public SyncException(string message, Exception innerException) : this("unknown", message, innerException) { }

    /// <summary>Creates an exception with a code and a message for a person.</summary>
    public SyncException(string code, string message) : base(message)
    {
        Code = code;
    }

    /// <summary>Creates an exception with a code, a message for a person and the cause.</summary>
    public SyncException(string code, string message, Exception? innerException) : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The stable error code.</summary>
    public string Code { get; }
}
