using Microsoft.EntityFrameworkCore;
using Sublet.Core;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// A tenant DbContext outside a request, with the tenant transaction it works in. Dispose it to give the context
/// back to its pool and the connection back to Sublet's: without <see cref="CommitAsync"/>, everything rolls back.
/// </summary>
/// <typeparam name="TContext">The context type.</typeparam>
public sealed class TenantDbContextScope<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    private readonly TenantDbSession _session;

    internal TenantDbContextScope(Tenant tenant, TContext context, TenantDbSession session)
    {
        Tenant = tenant;
        Context = context;
        _session = session;
    }

    /// <summary>The tenant whose schema the context works in.</summary>
    public Tenant Tenant { get; }

    /// <summary>The context; unqualified tables resolve to the tenant's schema.</summary>
    public TContext Context { get; }

    /// <summary>Commits the tenant transaction; the context cannot reach the database afterwards.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => _session.CompleteAsync(commit: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _session.DisposeAsync();
    }
}
