using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sublet;
using Sublet.EntityFrameworkCore;
using Sublet.Migrations;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>EF Core migrations as the app's tenant migrations.</summary>
public static class TenantMigrationsSubletBuilderExtensions
{
    /// <summary>
    /// Makes <typeparamref name="TContext"/>'s EF Core migrations the app's tenant migrations: Sublet's migrate applies
    /// them to every tenant (in parallel, with progress, a report of each tenant's failure and the migration lock), each
    /// in one transaction per tenant with <c>__EFMigrationsHistory</c> inside the tenant's schema, and every new tenant
    /// gets them when it is created. An app has either EF Core migrations or SQL migration files: registering both is
    /// refused at start with a message saying so. Register the context with <c>AddTenantDbContext</c> too.
    /// </summary>
    public static SubletBuilder AddTenantMigrations<TContext>(this SubletBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            EfMigrationSet.RefuseSqlMigrations(new TenantMigrations(provider.GetServices<TenantMigrationSource>()), typeof(TContext).Name);
            using var context = provider.GetRequiredService<TenantContextPool<TContext>>().LeaseUnbound();
            return new TenantMigrations(EfMigrationSet.Build(context));
        }));
        builder.Services.AddHostedService<TenantMigrationsCheck>();
        return builder;
    }
}
