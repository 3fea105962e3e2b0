using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SyncHub.Server.Authentication;

/// <summary>Makes device tokens and the hashes the store keeps instead of them.</summary>
internal static class DeviceTokens
{
    private const int TokenBytes = 32;

    /// <summary>Longer than any token this hub makes; longer input is refused without hashing.</summary>
    public const int MaxLength = 128;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The token of a request: <c>Authorization: Bearer</c>, else the <c>access_token</c> query parameter; null when absent.</summary>
    public static string? Read(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (!string.IsNullOrEmpty(authorization))
        {
            return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? authorization["Bearer ".Length..].Trim()
                : null;
        }
        string? query = request.Query[DeviceTokenDefaults.QueryParameter];
        return string.IsNullOrEmpty(query) ? null : query;
    }
}
