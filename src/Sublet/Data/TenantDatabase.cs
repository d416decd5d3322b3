using Npgsql;
using Sublet.Sharding;
using Sublet.Tenancy;

namespace Sublet.Data;

/// <summary>
/// Opens the tenant's pool (its shard's, or its partition of it) and selects the tenant's schema with a transaction-local <c>set_config</c>,
/// the schema name a parameter.
/// </summary>
internal sealed class TenantDatabase(ShardDataSources shards) : ITenantDatabase
{
    // is_local = true: the setting lasts until the end of the current transaction, explicit or implicit.
    private const string SelectSchemaSql = "SELECT set_config('search_path', $1, true)";

    public async Task<NpgsqlDataReader> ExecuteReaderAsync(Tenant tenant, string sql, IReadOnlyList<object>? parameters = null, CancellationToken cancellationToken = default)
    {
        var connection = await shards.ForTenant(tenant).OpenConnectionAsync(cancellationToken);
        try
        {
            var query = new NpgsqlBatchCommand(sql);
            foreach (var value in parameters ?? [])
            {
                query.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            // No explicit transaction: one Sync ends the batch, and with it the transaction-local search_path.
            var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new NpgsqlBatchCommand(SelectSchemaSql) { Parameters = { new NpgsqlParameter { Value = tenant.QuotedSchemaName } } }, query },
            };
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
        var connection = await shards.ForTenant(tenant).OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var select = new NpgsqlCommand(SelectSchemaSql, connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = tenant.QuotedSchemaName });
                await select.ExecuteNonQueryAsync(cancellationToken);
            }

            return new TenantConnection(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
