namespace SyncHub.Protocol.Entities;

/// <summary>Known values of <see cref="AuthSettings.Type"/> (Postman's). The hub accepts other non-empty types too, so newer clients can add some.</summary>
public static class AuthTypes
{
    /// <summary>No auth, even if the parent has some.</summary>
    public const string NoAuth = "noauth";
    /// <summary>API key in a header or query parameter.</summary>
    public const string ApiKey = "apikey";
    /// <summary>AWS Signature v4.</summary>
    public const string AwsV4 = "awsv4";
    /// <summary>HTTP Basic.</summary>
    public const string Basic = "basic";
    /// <summary>Bearer token.</summary>
    public const string Bearer = "bearer";
    /// <summary>HTTP Digest.</summary>
    public const string Digest = "digest";
    /// <summary>Akamai EdgeGrid.</summary>
    public const string EdgeGrid = "edgegrid";
    /// <summary>Hawk.</summary>
    public const string Hawk = "hawk";
    /// <summary>NTLM.</summary>
    public const string Ntlm = "ntlm";
    /// <summary>OAuth 1.0.</summary>
    public const string OAuth1 = "oauth1";
    /// <summary>OAuth 2.0.</summary>
    public const string OAuth2 = "oauth2";
}
