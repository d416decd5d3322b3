using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// Runs every command of a tenant context on its session's tenant connection, inside the tenant transaction. EF Core
/// makes some commands (ExecuteUpdate, ExecuteSql) before it opens the connection, i.e. on the lease's placeholder.
/// </summary>
internal sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    public static TenantCommandInterceptor Instance { get; } = new();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await BindAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BindAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await BindAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        BindAsync(command, eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        BindAsync(command, eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        BindAsync(command, eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    private static async ValueTask BindAsync(DbCommand command, DbContext? context, CancellationToken cancellationToken)
    {
        var tenantConnection = await TenantDbBindings.SessionOf(context).ConnectAsync(cancellationToken);
        if (!ReferenceEquals(command.Connection, tenantConnection.Connection))
        {
            command.Connection = tenantConnection.Connection;
        }

        command.Transaction ??= tenantConnection.Transaction;
    }
}
