using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sublet.Data;

/// <summary>
/// A pooled connection inside a transaction whose <c>search_path</c> is one tenant's schema. The setting is
/// transaction-local, so it ends with the transaction and never reaches the next user of the connection.
/// </summary>
/// <remarks>
/// As with any ADO.NET transaction, writes last only once <see cref="CommitAsync"/> is called: disposing without it
/// rolls them back, so an exception half-way loses them all rather than keeping half. Writes rolled back that way
/// are logged as a warning (event 1705) naming the tenant; call <see cref="RollbackAsync"/> to discard them on purpose.
/// For one statement on its own, <see cref="ITenantDatabase.ExecuteReaderAsync"/> commits by itself, like a command
/// outside any transaction.
/// </remarks>
public sealed class TenantConnection : IAsyncDisposable
{
    private readonly ILogger? _logger;
    private readonly string? _tenant;
    private bool _ended;

    internal TenantConnection(NpgsqlConnection connection, NpgsqlTransaction transaction, ILogger? logger = null, string? tenant = null)
    {
        Connection = connection;
        Transaction = transaction;
        _logger = logger;
        _tenant = tenant;
    }

    /// <summary>The open connection.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The transaction the tenant's schema is selected in.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>A command in the tenant's transaction; unqualified table names resolve to the tenant's schema.</summary>
    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    /// <summary>A batch in the tenant's transaction: several statements, one round trip.</summary>
    public NpgsqlBatch CreateBatch() => new(Connection, Transaction);

    /// <summary>Commits the tenant's transaction: what it wrote lasts.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        _ended = true;
        return Transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Rolls back the tenant's transaction on purpose: what it wrote is discarded, without a warning.</summary>
    public Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        _ended = true;
        return Transaction.RollbackAsync(cancellationToken);
    }

    /// <summary>Rolls back unless committed, warning when that discards writes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_ended && _logger is not null && Connection.State == System.Data.ConnectionState.Open)
        {
            await RollBackReportingWritesAsync(_logger);
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    // The check travels with the rollback, one round trip as before: a transaction holds a transaction id only once
    // it has written.
    private async Task RollBackReportingWritesAsync(ILogger logger)
    {
        try
        {
            await using var rollback = new NpgsqlCommand("SELECT pg_current_xact_id_if_assigned() IS NOT NULL; ROLLBACK", Connection);
            if (await rollback.ExecuteScalarAsync(CancellationToken.None) is true)
            {
                Log.UncommittedWritesRolledBack(logger, _tenant ?? string.Empty);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // A failed transaction or a broken connection: the failure itself was the news, and disposing below
            // rolls back or drops the connection as before.
        }
    }
}
