using Microsoft.EntityFrameworkCore;
using Sublet.Core;

namespace Sublet.EntityFrameworkCore;

/// <summary>Tenant DbContexts outside a request: commands, background work, start-up seeding.</summary>
/// <typeparam name="TContext">A context registered with <c>AddTenantDbContext</c>.</typeparam>
public interface ITenantDbContextFactory<TContext>
    where TContext : DbContext
{
    /// <summary>
    /// A context on a tenant connection of the tenant named <paramref name="slug"/>, inside its transaction.
    /// <see cref="TenantDbContextScope{TContext}.CommitAsync"/> commits; disposing without it rolls back.
    /// </summary>
    /// <exception cref="InvalidOperationException">The catalog has no tenant <paramref name="slug"/>.</exception>
    Task<TenantDbContextScope<TContext>> CreateForTenantAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="CreateForTenantAsync(string, CancellationToken)"/>, for a tenant already at hand.</summary>
    Task<TenantDbContextScope<TContext>> CreateForTenantAsync(Tenant tenant, CancellationToken cancellationToken = default);
}
