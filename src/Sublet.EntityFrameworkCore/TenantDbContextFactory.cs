using Microsoft.EntityFrameworkCore;
using Sublet.Core;
using Sublet.Data;
using Sublet.Tenancy;

namespace Sublet.EntityFrameworkCore;

internal sealed class TenantDbContextFactory<TContext>(
    TenantContextPool<TContext> contexts,
    ITenantDatabase database,
    ITenantCatalog catalog) : ITenantDbContextFactory<TContext>
    where TContext : DbContext
{
    public Task<TenantDbContextScope<TContext>> CreateForTenantAsync(string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return catalog.TryGetTenant(slug, out var tenant)
            ? CreateForTenantAsync(tenant, cancellationToken)
            : throw new InvalidOperationException($"There is no tenant '{slug}' in the catalog.");
    }

    public async Task<TenantDbContextScope<TContext>> CreateForTenantAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var session = new TenantDbSession(database);
        session.Attach(tenant);
        try
        {
            // Opened now, so a tenant that cannot be reached fails here rather than at the first query.
            await session.SelectSchemaAsync(cancellationToken);
            return new TenantDbContextScope<TContext>(tenant, contexts.Lease(session), session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }
}
