using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Sublet.EntityFrameworkCore;

/// <summary>Which session each leased context draws its connection from.</summary>
internal static class TenantDbBindings
{
    private static readonly ConditionalWeakTable<DbContext, TenantDbSession> Sessions = [];

    /// <summary>
    /// Gives a freshly leased context its session, and a connection with no connection string that can reach no
    /// database: whatever the last lease left on a pooled context, the first database work now goes through
    /// <see cref="TenantConnectionInterceptor"/>, which swaps in the session's tenant connection.
    /// </summary>
    public static TContext Bind<TContext>(TContext context, TenantDbSession session)
        where TContext : DbContext
    {
        context.Database.SetDbConnection(new NpgsqlConnection(), contextOwnsConnection: true);
        Sessions.AddOrUpdate(context, session);
        return context;
    }

    /// <summary>Takes a freshly leased context's session and connection away: it can reach no database.</summary>
    public static TContext Unbind<TContext>(TContext context)
        where TContext : DbContext
    {
        context.Database.SetDbConnection(new NpgsqlConnection(), contextOwnsConnection: true);
        Sessions.Remove(context);
        return context;
    }

    public static TenantDbSession SessionOf(DbContext? context) =>
        context is not null && Sessions.TryGetValue(context, out var session)
            ? session
            : throw new InvalidOperationException(
                $"{context?.GetType().Name ?? "This DbContext"} was not given a tenant: resolve it from the request's services " +
                "on an endpoint marked RequireTenant(), or outside a request through ITenantDbContextFactory<TContext>.CreateForTenantAsync.");
}
