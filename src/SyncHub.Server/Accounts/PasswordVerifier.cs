using Microsoft.AspNetCore.Identity;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Accounts;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core Identity's hasher. Checking a login that matches no
/// account still runs one verification (on a dummy hash) so that timing does not tell whether it exists.
/// </summary>
internal sealed class PasswordVerifier(IPasswordHasher<AccountRecord> hasher)
{
    private static readonly AccountRecord Nobody = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, "not the password of anyone"));

    public string Hash(string password) => hasher.HashPassword(Nobody, password);

    public bool Verify(AccountRecord? account, string password)
    {
        if (account is null)
        {
            hasher.VerifyHashedPassword(Nobody, _dummyHash.Value, password);
            return false;
        }
        return hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
