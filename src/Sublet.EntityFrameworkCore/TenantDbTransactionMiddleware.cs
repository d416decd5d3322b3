using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// Ends each request's tenant transaction: it commits when the request's work returns without an exception and its
/// status is below 500 (at the latest just before the response starts), and rolls back otherwise.
/// </summary>
internal sealed class TenantDbTransactionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var session = context.RequestServices.GetRequiredService<TenantDbSession>();
        session.Attach(context);
        try
        {
            await next(context);
        }
        catch
        {
            await session.CompleteAsync(commit: false, CancellationToken.None);
            throw;
        }

        // No body, or a body that never started: the response goes out after this, so commit first.
        await session.CompleteAsync(context.Response.StatusCode < StatusCodes.Status500InternalServerError, CancellationToken.None);
    }
}
