namespace SyncHub.ConsoleClient.Internal;

/// <summary>Codes the console client itself reports, next to the hub's and the library's (<see cref="SyncHub.Protocol.ErrorCodes"/>).</summary>
internal static class ConsoleErrorCodes
{
    /// <summary>The command needs a signed-in profile.</summary>
    public const string NotSignedIn = "not_signed_in";

    /// <summary>login on a profile that is already signed in.</summary>
    public const string AlreadySignedIn = "already_signed_in";

    /// <summary>Something failed that no code describes (a bug, a disk error); the message says what.</summary>
    public const string Unexpected = "unexpected";
}
