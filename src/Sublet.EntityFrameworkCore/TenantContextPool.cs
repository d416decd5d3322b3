using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// The pool of <typeparamref name="TContext"/> instances, held where only Sublet reaches it: every lease goes
/// through <see cref="TenantDbBindings.Bind"/>, so no code can take a pooled context that still holds the connection
/// or session of its last lease.
/// </summary>
internal sealed class TenantContextPool<TContext>(DbContextOptions<TContext> options, int poolSize)
    where TContext : DbContext
{
    private readonly PooledDbContextFactory<TContext> _pool = new(options, poolSize);

    /// <summary>A pooled context bound to <paramref name="session"/>; disposing it returns it to the pool.</summary>
    public TContext Lease(TenantDbSession session) => TenantDbBindings.Bind(_pool.CreateDbContext(), session);

    /// <summary>A pooled context bound to nothing, which cannot reach a database: for work that needs only the model.</summary>
    public TContext LeaseUnbound() => TenantDbBindings.Unbind(_pool.CreateDbContext());
}
