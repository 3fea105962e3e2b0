using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server.Accounts;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Internal;

/// <summary>
/// Answers a request whose store did not answer (Redis unreachable, the disk failing) with <c>503</c> and the stable
/// code <c>unavailable</c>, which clients retry, instead of a bare <c>500</c>. Placed before authentication, whose token
/// lookup is a store read too.
/// </summary>
internal sealed class StoreUnavailableMiddleware(RequestDelegate next, ILogger<StoreUnavailableMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailures.IsStoreFailure(ex) && !context.Response.HasStarted)
        {
            Log.RequestStoreFailed(logger, ex, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            await context.Response.WriteAsJsonAsync(
                new ErrorResponse(ErrorCodes.Unavailable, "The hub cannot reach its store right now; nothing was changed. Try again in a moment."),
                AccountEndpoints.JsonOptions, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
