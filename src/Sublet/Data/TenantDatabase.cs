using Npgsql;
using Sublet.Tenancy;

namespace Sublet.Data;

/// <summary>Selects the tenant's schema with a transaction-local <c>set_config</c>, the schema name a parameter.</summary>
internal sealed class TenantDatabase(NpgsqlDataSource dataSource) : ITenantDatabase
{
    public async Task<TenantConnection> OpenAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var select = new NpgsqlCommand("SELECT set_config('search_path', $1, true)", connection, transaction))
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
