using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sublet.Diagnostics;

namespace Sublet.Reliability;

/// <summary>
/// Holds a permit from the request's tenant's concurrency limiter for the whole request; a tenant past its
/// limit and queue gets 503 with <c>Retry-After</c>. Requests with no tenant are not limited here.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's <c>UseRateLimiter</c>: a second instance of that middleware would also read the app's
/// own endpoint rate limiting policies, which it does not know. The limiter is the same library's.
/// </remarks>
internal sealed class TenantConcurrencyMiddleware(
    RequestDelegate next,
    TenantConcurrencyLimiter limiter,
    SubletMetrics metrics,
    IProblemDetailsService problemDetails,
    ILogger<TenantConcurrencyMiddleware> logger)
{
    public const int RetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetTenant() is not { } tenant || limiter.For(tenant.Slug) is not { } perTenant)
        {
            await next(context);
            return;
        }

        using var lease = await perTenant.AcquireAsync(cancellationToken: context.RequestAborted);
        if (!lease.IsAcquired)
        {
            Log.TenantOverLimit(logger, tenant.Slug);
            metrics.RequestRejected(tenant, "overloaded");
            await RejectAsync(context);
            return;
        }

        await next(context);
    }

    private ValueTask RejectAsync(HttpContext context) =>
        ServiceUnavailable.WriteAsync(problemDetails, context, RetryAfterSeconds, "Too many requests in progress", "This workspace has too many requests in progress. Try again shortly.");
}
