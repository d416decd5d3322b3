using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// Opens the tenant connection before SaveChanges decides whether it needs a transaction of its own: otherwise a
/// SaveChanges that is a lease's first database work would begin one, and find the tenant transaction already there.
/// With the tenant transaction in place, EF Core wraps each SaveChanges in a savepoint instead, so a failed one leaves
/// the request's transaction usable. The schema selection is sent first, outside any savepoint, so that rolling one
/// back cannot undo it.
/// </summary>
internal sealed class TenantSaveChangesInterceptor : SaveChangesInterceptor
{
    public static TenantSaveChangesInterceptor Instance { get; } = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            if (context.Database.CurrentTransaction is null)
            {
                await context.Database.OpenConnectionAsync(cancellationToken);
            }

            await TenantDbBindings.SessionOf(context).SelectSchemaAsync(cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            if (context.Database.CurrentTransaction is null)
            {
                context.Database.OpenConnection();
            }

            TenantDbBindings.SessionOf(context).SelectSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }
}
