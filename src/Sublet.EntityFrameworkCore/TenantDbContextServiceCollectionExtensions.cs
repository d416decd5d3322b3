using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Sublet.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers tenant DbContexts.</summary>
public static class TenantDbContextServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/>, pooled, on PostgreSQL through Npgsql, as a scoped service whose
    /// connection is the request's tenant connection from Sublet's pools, inside the tenant transaction; and
    /// <see cref="ITenantDbContextFactory{TContext}"/> for work outside a request. One model serves every tenant:
    /// map tables without a schema. The request's transaction commits when its work returns without an exception and
    /// a status below 500, and rolls back otherwise (docs/efcore.md).
    /// </summary>
    /// <param name="services">The app's services, after <c>AddSublet()</c>.</param>
    /// <param name="npgsql">Provider settings, e.g. <c>MapEnum</c> (the data source side goes to <c>ConfigureDataSource</c>).</param>
    /// <param name="configure">Further context options, e.g. interceptors or warnings.</param>
    /// <param name="poolSize">The most contexts kept for reuse.</param>
    public static IServiceCollection AddTenantDbContext<TContext>(
        this IServiceCollection services,
        Action<NpgsqlDbContextOptionsBuilder>? npgsql = null,
        Action<DbContextOptionsBuilder>? configure = null,
        int poolSize = 1024)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPooledDbContextFactory<TContext>(
            options =>
            {
                // No connection string: a context reaches a database only through its tenant session.
                options.UseNpgsql(npgsql);
                options.AddInterceptors(
                    TenantConnectionInterceptor.Instance, TenantCommandInterceptor.Instance, TenantSaveChangesInterceptor.Instance, TenantSavepointInterceptor.Instance);
                configure?.Invoke(options);
            },
            poolSize);
        // EF Core's own factory and scoped registration would hand out pooled contexts without a tenant session, still
        // holding their last lease's connection: only Sublet's pool, which binds every lease, stays reachable.
        services.RemoveAll<IDbContextFactory<TContext>>();
        services.TryAddSingleton(provider => new TenantContextPool<TContext>(provider.GetRequiredService<DbContextOptions<TContext>>(), poolSize));
        services.TryAddScoped<TenantDbSession>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, TenantDbStartupFilter>());
        services.Replace(ServiceDescriptor.Scoped(provider => provider.GetRequiredService<TenantContextPool<TContext>>().Lease(provider.GetRequiredService<TenantDbSession>())));
        services.TryAddSingleton<ITenantDbContextFactory<TContext>, TenantDbContextFactory<TContext>>();
        return services;
    }
}
