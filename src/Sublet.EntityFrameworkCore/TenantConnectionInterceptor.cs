using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// When EF Core first opens a leased context's connection, hands it the session's tenant connection instead, already
/// open and inside the tenant transaction (its <c>search_path</c> transaction-local), and makes that transaction the
/// context's. EF Core then neither opens nor closes the connection itself: the session gives it back.
/// </summary>
internal sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public static TenantConnectionInterceptor Instance { get; } = new();

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        var tenantConnection = await TenantDbBindings.SessionOf(eventData.Context).ConnectAsync(cancellationToken);
        var database = eventData.Context!.Database;
        database.SetDbConnection(tenantConnection.Connection, contextOwnsConnection: false);
        await database.UseTransactionAsync(tenantConnection.Transaction, cancellationToken);
        return InterceptionResult.Suppress();
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        // EF Core's synchronous calls (SaveChanges, ToList) block here while the tenant connection opens; prefer the async ones.
        var tenantConnection = TenantDbBindings.SessionOf(eventData.Context).ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
        var database = eventData.Context!.Database;
        database.SetDbConnection(tenantConnection.Connection, contextOwnsConnection: false);
        database.UseTransaction(tenantConnection.Transaction);
        return InterceptionResult.Suppress();
    }
}
