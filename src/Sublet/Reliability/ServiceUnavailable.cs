using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sublet.Core;

namespace Sublet.Reliability;

/// <summary>The 503 problem+json both the outage and the overload paths answer: retry later, never cache.</summary>
internal static class ServiceUnavailable
{
    public static ValueTask WriteAsync(IProblemDetailsService problemDetails, HttpContext context, int retryAfterSeconds, string title, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return ProblemResponse.WriteAsync(problemDetails, context, StatusCodes.Status503ServiceUnavailable, title, detail);
    }
}
