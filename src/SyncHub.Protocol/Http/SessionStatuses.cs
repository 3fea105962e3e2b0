namespace SyncHub.Protocol.Http;

/// <summary>Values of <see cref="SessionState.Status"/>.</summary>
public static class SessionStatuses
{
    /// <summary>The token works.</summary>
    public const string Active = "active";
    /// <summary>The device was signed out (by itself or from another device).</summary>
    public const string Revoked = "revoked";
    /// <summary>The token's lifetime ran out without a renewal.</summary>
    public const string Expired = "expired";
    /// <summary>No such token (or none given).</summary>
    public const string Unknown = "unknown";
}
