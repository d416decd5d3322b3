using System.Globalization;
using System.Text;
using Npgsql;
using Sublet.Data;
using Sublet.Migrations;
using Sublet.Tenancy;

namespace Sublet.Provisioning;

internal sealed class TenantProvisioner(
    NpgsqlDataSource dataSource,
    TenantMigrations migrations,
    ITenantCatalog catalog,
    SlugRules slugRules) : ITenantProvisioner
{
    public async Task<Tenant> CreateAsync(
        string slug,
        Func<TenantConnection, CancellationToken, Task>? initialize = null,
        CancellationToken cancellationToken = default)
    {
        var tenantSlug = slugRules.Validate(slug);
        var tenant = await CreateInTransactionAsync(tenantSlug, initialize, cancellationToken);

        // After the connection is back in the pool: a pool of one must still be able to reload.
        await catalog.ReloadAsync(cancellationToken);
        return tenant;
    }

    private async Task<Tenant> CreateInTransactionAsync(
        TenantSlug tenantSlug,
        Func<TenantConnection, CancellationToken, Task>? initialize,
        CancellationToken cancellationToken)
    {
        var slug = tenantSlug.Value;
        var schema = SchemaNames.FromSlug(tenantSlug);
        var quotedSchema = SqlIdentifier.Quote(schema);

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var scope = new TenantConnection(connection, transaction);

        DateTimeOffset createdAt;
        await using (var insert = scope.CreateCommand(
            "INSERT INTO sublet.tenant (slug, schema_name, migration_version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING created_at"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = tenantSlug.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = schema });
            insert.Parameters.Add(new NpgsqlParameter { Value = migrations.Set.LatestVersion });
            if (await insert.ExecuteScalarAsync(cancellationToken) is not DateTime created)
            {
                throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Tenant '{slug}' or its schema '{schema}' already exists.");
            }

            createdAt = new DateTimeOffset(created, TimeSpan.Zero);
        }

        try
        {
            // Schema, history table and every migration in one round trip: creation time is then the DDL's own.
            var script = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"CREATE SCHEMA {quotedSchema};")
                .AppendLine(CultureInfo.InvariantCulture, $"SET LOCAL search_path TO {quotedSchema};")
                .Append(MigrationHistory.CreateTableSql(quotedSchema)).AppendLine(";");
            foreach (var migration in migrations.Set.Migrations)
            {
                script.Append(MigrationHistory.ApplySql(quotedSchema, migration));
            }

            await using var create = scope.CreateCommand(script.ToString());
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateSchema)
        {
            throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Schema '{schema}' already exists outside the catalog: adopt it instead.");
        }

        if (initialize is not null)
        {
            await initialize(scope, cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return new Tenant(tenantSlug.Value, schema, TenantStatus.Active, createdAt);
    }
}
