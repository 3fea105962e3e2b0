namespace SyncHub.Server;

/// <summary>
/// Rate limits of <c>POST /api/sessions</c> and <c>POST /api/accounts</c>, bound from <c>SyncHub:SignIn</c>. Each limit
/// is a fixed window: at most that many attempts per <see cref="Window"/>.
/// </summary>
public sealed class SignInRateLimitOptions
{
    /// <summary>Sign-in attempts per login (username or email, case-insensitive) per window, whatever their outcome.</summary>
    public int PermitsPerLogin { get; set; } = 5;

    /// <summary>Sign-in and registration requests per client address per window.</summary>
    public int PermitsPerAddress { get; set; } = 30;

    /// <summary>The length of a window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
