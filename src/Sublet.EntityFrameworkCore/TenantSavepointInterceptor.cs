using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// Sends a tenant connection's schema selection before its first savepoint: sent after one, by the next query,
/// rolling back to that savepoint would undo it and leave the connection without the tenant's schema.
/// </summary>
internal sealed class TenantSavepointInterceptor : DbTransactionInterceptor
{
    public static TenantSavepointInterceptor Instance { get; } = new();

    public override async ValueTask<InterceptionResult> CreatingSavepointAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await TenantDbBindings.SessionOf(eventData.Context).SelectSchemaAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        TenantDbBindings.SessionOf(eventData.Context).SelectSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }
}
