using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Internal;

namespace SyncHub.Server.RateLimiting;

/// <summary>
/// Rate limits of sign-in and registration (<see cref="SignInRateLimitOptions"/>): a policy of the ASP.NET Core rate
/// limiter keyed by client address on both endpoints, and a limiter keyed by login that the sign-in endpoint asks once
/// it has read the body. Neither depends on whether an account exists, so a refusal tells nothing about it.
/// </summary>
internal sealed class SignInRateLimits : IDisposable
{
    /// <summary>The name of the per-address policy.</summary>
    public const string AddressPolicy = "synchub-sign-in-address";

    private readonly PartitionedRateLimiter<string> _logins;

    public SignInRateLimits(IOptions<SyncHubOptions> options)
    {
        var settings = options.Value.SignIn;
        _logins = PartitionedRateLimiter.Create<string, string>(login => RateLimitPartition.GetFixedWindowLimiter(
            login, _ => Window(settings.PermitsPerLogin, settings.Window)));
    }

    /// <summary>Takes one attempt of <paramref name="login"/>; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAttempt(string login)
    {
        using var lease = _logins.AttemptAcquire(NormalizeLogin(login));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>The same identity the account store matches logins by (case-insensitive, trimmed).</summary>
    public static string NormalizeLogin(string login) => login.Trim().ToUpperInvariant();

    /// <summary>Adds the rate limiter with the per-address policy and the hub's 429 answer.</summary>
    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(AddressPolicy, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<SyncHubOptions>>().Value.SignIn;
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(settings.PermitsPerAddress, settings.Window));
        });
        limiter.OnRejected = (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var logger = rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimits).FullName!);
            Log.RateLimited(logger, rejected.HttpContext.Request.Path.Value ?? string.Empty, "client address");
            return new ValueTask(Rejection(retryAfter).ExecuteAsync(rejected.HttpContext));
        };
    }

    /// <summary>The 429 answer: <c>rate_limited</c> and a <c>Retry-After</c> in whole seconds.</summary>
    public static IResult Rejection(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new RateLimitedResult(seconds);
    }

    public void Dispose() => _logins.Dispose();

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private sealed class RateLimitedResult(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return httpContext.Response.WriteAsJsonAsync(
                new ErrorResponse(ErrorCodes.RateLimited, $"Too many attempts. Try again in {seconds} s."),
                httpContext.RequestAborted);
        }
    }
}
