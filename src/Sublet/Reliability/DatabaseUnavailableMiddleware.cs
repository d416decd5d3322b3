using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sublet.Diagnostics;
using Sublet.Data;

namespace Sublet.Reliability;

/// <summary>
/// Answers 503 with <c>Retry-After</c> when the database is unreachable, drops the connection mid-request or
/// has no free pooled connection in time: the client learns to come back soon instead of seeing a 500. A lost
/// connection empties the pool, so the first request after the database returns opens a fresh one.
/// </summary>
internal sealed class DatabaseUnavailableMiddleware(
    RequestDelegate next,
    ShardDataSources dataSources,
    SubletMetrics metrics,
    IProblemDetailsService problemDetails,
    ILogger<DatabaseUnavailableMiddleware> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (DatabaseOutage.Classify(exception) is not DatabaseFailure.None and var failure
            && !context.Response.HasStarted
            && !context.RequestAborted.IsCancellationRequested)
        {
            Log.DatabaseUnavailable(logger, exception.GetType().Name, exception.Message);
            metrics.RequestRejected(context.GetTenant(), "database_unavailable");
            if (failure == DatabaseFailure.ConnectionLost)
            {
                // Idle pooled connections died with this one (a restart, a network cut): without this, each would
                // fail one more request after the database is back.
                dataSources.ClearAll();
            }

            await WriteAsync(context);
        }
    }

    private ValueTask WriteAsync(HttpContext context)
    {
        // Whatever the endpoint had set (cookies included) belonged to a response that will not be sent.
        context.Response.Clear();
        return ServiceUnavailable.WriteAsync(problemDetails, context, RetryAfterSeconds, "Database unavailable", "The database cannot be reached right now. Try again shortly.");
    }
}
