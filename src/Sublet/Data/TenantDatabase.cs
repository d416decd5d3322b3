using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Core;

namespace Sublet.Data;

/// <summary>
/// Leases a connection from the tenant's pools (its shard's, its home partition first), resets the session the last
/// lease left, and selects the tenant's schema with a transaction-local <c>set_config</c>, the schema name a
/// parameter.
/// </summary>
internal sealed class TenantDatabase(ShardDataSources shards, ILogger<TenantConnection> logger) : ITenantDatabase
{
    // is_local = true: the setting lasts until the end of the current transaction, explicit or implicit.
    private const string SelectSchemaSql = "SELECT set_config('search_path', $1, true)";

    // Temporary tables, session settings, roles, cursors, listens, advisory locks and prepared statements the
    // last lease left: none of it reaches the next tenant. As the first statement of a pipeline it runs, and
    // commits, on its own, before the implicit transaction of what follows it.
    private const string ResetSql = "DISCARD ALL";

    public async Task<NpgsqlDataReader> ExecuteReaderAsync(Tenant tenant, string sql, IReadOnlyList<object>? parameters = null, CancellationToken cancellationToken = default)
    {
        var pools = shards.ForTenant(tenant);
        var connection = await pools.OpenConnectionAsync(tenant, cancellationToken);
        try
        {
            var query = new NpgsqlBatchCommand(sql);
            foreach (var value in parameters ?? [])
            {
                query.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            // No explicit transaction: one Sync ends the batch, and with it the transaction-local search_path.
            var batch = new NpgsqlBatch(connection);
            if (pools.ResetOnLease)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(ResetSql));
            }

            batch.BatchCommands.Add(SelectSchema(tenant));
            batch.BatchCommands.Add(query);

            // The reader starts on the first statement that returns rows (the reset returns none): the selection.
            var reader = await batch.ExecuteReaderAsync(System.Data.CommandBehavior.CloseConnection, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return reader;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<TenantConnection> OpenAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        var connection = await OpenWithoutSchemaAsync(tenant, cancellationToken);
        try
        {
            await using var select = connection.CreateBatch();
            select.BatchCommands.Add(SelectSchema(tenant));
            await select.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.Connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A reset connection whose transaction is begun (Npgsql sends the <c>BEGIN</c> with the first statement) but
    /// whose schema is not selected yet: the caller sends <see cref="SelectSchema"/> first in its first batch, which
    /// saves the round trip of a selection on its own.
    /// </summary>
    internal async Task<TenantConnection> OpenWithoutSchemaAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var pools = shards.ForTenant(tenant);
        var connection = await pools.OpenConnectionAsync(tenant, cancellationToken);
        try
        {
            // DISCARD ALL cannot run inside the transaction the connection is handed out in, so it goes first, alone.
            if (pools.ResetOnLease)
            {
                await using var reset = new NpgsqlCommand(ResetSql, connection);
                await reset.ExecuteNonQueryAsync(cancellationToken);
            }

            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new TenantConnection(connection, transaction, logger, tenant.Slug);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The transaction-local selection of <paramref name="tenant"/>'s schema, as a statement of a batch.</summary>
    internal static NpgsqlBatchCommand SelectSchema(Tenant tenant) =>
        new(SelectSchemaSql) { Parameters = { new NpgsqlParameter { Value = tenant.QuotedSchemaName } } };
}
