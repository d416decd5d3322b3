using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sublet.Core;
using Sublet.Diagnostics;

namespace Sublet.Reliability;

/// <summary>
/// Holds a permit from the request's tenant's concurrency limiter for the whole request; a tenant past its
/// limit and queue gets 503 with <c>Retry-After</c>. Requests with no tenant are not limited here. The start of
/// the body is read first (<see cref="RequestBodyGate"/>), so a slow upload holds no permit.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's <c>UseRateLimiter</c>: a second instance of that middleware would also read the app's
/// own endpoint rate limiting policies, which it does not know. The limiter is the same library's.
/// </remarks>
internal sealed class TenantConcurrencyMiddleware(
    RequestDelegate next,
    TenantConcurrencyLimiter limiter,
    RequestBodyGate bodyGate,
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

        var refused = await bodyGate.PrereadAsync(context);
        if (refused != 0)
        {
            await RefuseBodyAsync(context, tenant.Slug, refused);
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

    private async Task RefuseBodyAsync(HttpContext context, string tenantSlug, int status)
    {
        if (status == StatusCodes.Status499ClientClosedRequest)
        {
            return;
        }

        Log.RequestBodyRefused(logger, tenantSlug, status);
        // The rest of the body is not wanted: close the connection rather than wait for it.
        context.Response.Headers.Connection = "close";
        if (status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status408RequestTimeout => ("Request body too slow", "The request body did not arrive in time."),
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", null),
            StatusCodes.Status429TooManyRequests => ("Too many uploads", "This address is sending too many request bodies at once."),
            _ => ("Malformed request body", (string?)null),
        };
        await ProblemResponse.WriteAsync(problemDetails, context, status, title, detail);
    }

    private ValueTask RejectAsync(HttpContext context) =>
        ServiceUnavailable.WriteAsync(problemDetails, context, RetryAfterSeconds, "Too many requests in progress", "This workspace has too many requests in progress. Try again shortly.");
}
