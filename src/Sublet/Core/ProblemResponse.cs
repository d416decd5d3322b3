using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Sublet.Core;

/// <summary>
/// A refusal from a middleware as problem+json, through the app's <see cref="IProblemDetailsService"/> so its
/// customisations apply.
/// </summary>
internal static class ProblemResponse
{
    public static ValueTask WriteAsync(IProblemDetailsService problemDetails, HttpContext context, int status, string title, string? detail)
    {
        context.Response.StatusCode = status;
        return problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
