namespace SyncHub.ConsoleClient.Internal;

/// <summary>A command cannot do what was asked; printed as <c>error: code: message</c>, exit code 1.</summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException() : this(ConsoleErrorCodes.Unexpected, "The command failed.") { }

    public CommandFailedException(string message) : this(ConsoleErrorCodes.Unexpected, message) { }

    public CommandFailedException(string message, Exception innerException) : base(message, innerException)
    {
        Code = ConsoleErrorCodes.Unexpected;
    }

    public CommandFailedException(string code, string message) : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
