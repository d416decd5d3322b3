using Microsoft.AspNetCore.Http;
using Npgsql;
using Sublet.Tenancy;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Reliability;

/// <summary>
/// A request that reached a tenant's old shard just as the tenant moved fails: a write that waited behind the
/// move's fence is refused by the old copy (<see cref="SqlStates.MovedAway"/>), and anything sent there
/// once the old copy is dropped finds no table. When the catalog confirms the
/// tenant now lives elsewhere, the client gets 503 with a short <c>Retry-After</c>: nothing was written, and the
/// retry goes to the new shard. Any other missing table stays the app's error.
/// </summary>
internal sealed class TenantMovedMiddleware(RequestDelegate next, ShardDataSources shards, ITenantCatalog catalog, IProblemDetailsService problemDetails)
{
    public const int RetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or SqlStates.MovedAway
            && context.GetTenant() is { } tenant
            && !context.Response.HasStarted)
        {
            if (!await MovedAsync(tenant, context.RequestAborted))
            {
                throw;
            }

            // Not left to the change notification alone: the retry must not find the old route again.
            await catalog.ReloadTenantsAsync([tenant.Slug], context.RequestAborted);
            context.Response.Clear();
            await ServiceUnavailable.WriteAsync(
                problemDetails, context, RetryAfterSeconds, "Tenant moving", "This workspace has just moved to another database server. Try again in a moment.");
        }
    }

    private async Task<bool> MovedAsync(Tenant tenant, CancellationToken cancellationToken) =>
        await CatalogStore.ShardOfAsync(shards.Central, tenant.Slug, cancellationToken) is { } shard && shard != tenant.Shard;
}
