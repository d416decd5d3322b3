using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Sublet.Data;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// Runs every command of a tenant context on its session's tenant connection, inside the tenant transaction. EF Core
/// makes some commands (ExecuteUpdate, ExecuteSql) before it opens the connection, i.e. on the lease's placeholder.
/// A query that is the connection's first statement carries the <c>BEGIN</c> and the schema selection in its own
/// round trip; any other first command sends the selection ahead of it.
/// </summary>
internal sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    public static TenantCommandInterceptor Instance { get; } = new();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        var session = TenantDbBindings.SessionOf(eventData.Context);
        var tenantConnection = await session.ConnectAsync(cancellationToken);
        Bind(command, tenantConnection);
        if (!CanCarrySelection(command))
        {
            await session.SelectSchemaAsync(cancellationToken);
            return result;
        }

        if (session.TakeSchemaSelection() is not { } selection)
        {
            return result;
        }

        // Not disposed here: the reader EF Core reads and disposes is the batch's.
        var reader = await WithSelection(selection, (NpgsqlCommand)command, tenantConnection).ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Bind(command, await TenantDbBindings.SessionOf(eventData.Context).SelectSchemaAsync(cancellationToken));
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Bind(command, await TenantDbBindings.SessionOf(eventData.Context).SelectSchemaAsync(cancellationToken));
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        var session = TenantDbBindings.SessionOf(eventData.Context);
        var tenantConnection = session.ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
        Bind(command, tenantConnection);
        if (!CanCarrySelection(command))
        {
            session.SelectSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            return result;
        }

        if (session.TakeSchemaSelection() is not { } selection)
        {
            return result;
        }

        var reader = WithSelection(selection, (NpgsqlCommand)command, tenantConnection).ExecuteReader();
        reader.NextResult();
        return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Bind(command, TenantDbBindings.SessionOf(eventData.Context).SelectSchemaAsync(CancellationToken.None).GetAwaiter().GetResult());
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Bind(command, TenantDbBindings.SessionOf(eventData.Context).SelectSchemaAsync(CancellationToken.None).GetAwaiter().GetResult());
        return result;
    }

    private static void Bind(DbCommand command, TenantConnection tenantConnection)
    {
        if (!ReferenceEquals(command.Connection, tenantConnection.Connection))
        {
            command.Connection = tenantConnection.Connection;
        }

        command.Transaction ??= tenantConnection.Transaction;
    }

    // A batch statement holds one SQL statement: a command text with a semicolon (several statements, or one inside a
    // literal) gets the selection sent ahead of it instead.
    private static bool CanCarrySelection(DbCommand command) => command is NpgsqlCommand && !command.CommandText.Contains(';', StringComparison.Ordinal);

    // The selection, then the query with copies of its parameters: one round trip, the reader moved on to the query.
    private static NpgsqlBatch WithSelection(NpgsqlBatchCommand selection, NpgsqlCommand command, TenantConnection tenantConnection)
    {
        var query = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            query.Parameters.Add(parameter.Clone());
        }

        var batch = tenantConnection.CreateBatch();
        batch.Timeout = command.CommandTimeout;
        batch.BatchCommands.Add(selection);
        batch.BatchCommands.Add(query);
        return batch;
    }
}
