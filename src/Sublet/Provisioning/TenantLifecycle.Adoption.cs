using Npgsql;
using Sublet.Citus;
using Sublet.Migrations;
using Sublet.Core;

namespace Sublet.Provisioning;

// Adopting a schema that exists already: which tenant migrations it satisfies, recorded without running them.
internal sealed partial class TenantLifecycle
{
    // Errors meaning "this object is already there": the schema already has what the migration makes.
    private static readonly HashSet<string> AlreadyThere =
    [
        PostgresErrorCodes.DuplicateTable,
        PostgresErrorCodes.DuplicateObject,
        PostgresErrorCodes.DuplicateColumn,
        PostgresErrorCodes.DuplicateFunction,
        PostgresErrorCodes.DuplicateSchema,
    ];

    public async Task<TenantAdoption> AdoptAsync(string schemaName, string? slug = null, string? shard = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        if (!IsAdoptableName(schemaName))
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Schema '{schemaName}' is a system or shared schema and cannot become a tenant.");
        }

        var tenantSlug = slugRules.Validate(slug ?? schemaName.Replace('_', '-'));
        var shardName = shard ?? ShardNames.Default;
        var onCentral = shardName == ShardNames.Default;
        TenantAdoption adoption;
        await using (var central = await shards.Central.OpenConnectionAsync(cancellationToken))
        await using (var centralTransaction = await central.BeginTransactionAsync(cancellationToken))
        {
            if (await CatalogStore.InsertAdoptedTenantAsync(central, centralTransaction, tenantSlug.Value, schemaName, shardName, cancellationToken) is not { } created)
            {
                throw await CatalogStore.ShardExistsAsync(central, centralTransaction, shardName, cancellationToken)
                    ? new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Tenant '{tenantSlug.Value}' or schema '{schemaName}' is already in the catalog.")
                    : TenantProvisioningException.NoShard(shardName);
            }

            var createdAt = new DateTimeOffset(created, TimeSpan.Zero);

            if (!onCentral)
            {
                await catalog.ReloadShardsAsync(cancellationToken);
            }

            await using var remote = onCentral ? null : await shards.For(shardName).OpenConnectionAsync(cancellationToken);
            await using var remoteTransaction = remote is null ? null : await remote.BeginTransactionAsync(cancellationToken);
            var (schemaConnection, schemaTransaction) = (remote ?? central, remoteTransaction ?? centralTransaction);
            if (!await SchemaExistsAsync(schemaConnection, schemaTransaction, schemaName, cancellationToken))
            {
                throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Schema '{schemaName}' does not exist.");
            }

            var quotedSchema = SqlIdentifier.Quote(schemaName);
            var satisfied = await SatisfiedMigrationsAsync(schemaConnection, schemaTransaction, schemaName, quotedSchema, cancellationToken);
            var version = satisfied.Count == 0 ? 0 : satisfied[^1].Version;
            await CatalogStore.SetMigrationVersionAsync(central, centralTransaction, tenantSlug.Value, version, cancellationToken);

            if (onCentral && await citus.IsEnabledAsync(central, centralTransaction, cancellationToken))
            {
                // A schema made while schema-based sharding was off is a local one: Citus distributes it now.
                await using var distribute = new NpgsqlCommand(CitusMode.DistributeSql, central, centralTransaction);
                distribute.Parameters.Add(new NpgsqlParameter { Value = quotedSchema });
                try
                {
                    await distribute.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException exception)
                {
                    throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Citus could not distribute schema '{schemaName}': {exception.MessageText}");
                }
            }

            // The history first: a catalog version behind the schema's history is what migrate repairs.
            if (remoteTransaction is not null)
            {
                await remoteTransaction.CommitAsync(cancellationToken);
            }

            await centralTransaction.CommitAsync(cancellationToken);
            adoption = new TenantAdoption(
                new TenantInfo(tenantSlug.Value, schemaName, TenantStatus.Active, createdAt, version, shardName),
                [.. satisfied.Select(migration => migration.Name)]);
        }

        await catalog.ReloadTenantsAsync([adoption.Tenant.Slug], cancellationToken);
        return adoption;
    }

    public async Task<IReadOnlyList<string>> ListUnregisteredSchemasAsync(string? shard = null, CancellationToken cancellationToken = default)
    {
        var shardName = shard ?? ShardNames.Default;
        var registered = await CatalogStore.SchemasOnShardAsync(shards.Central, shardName, cancellationToken)
            ?? throw TenantProvisioningException.NoShard(shardName);

        if (shardName != ShardNames.Default)
        {
            await catalog.ReloadShardsAsync(cancellationToken);
        }

        await using var command = shards.For(shardName).CreateCommand(
            """
            SELECT n.nspname FROM pg_catalog.pg_namespace n
            WHERE n.nspname <> ALL($1)
              -- An extension's own schema (Citus's citus and citus_internal, say) belongs to the extension.
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
            ORDER BY n.nspname
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = registered });
        await using var schemaReader = await command.ExecuteReaderAsync(cancellationToken);
        var schemas = new List<string>();
        while (await schemaReader.ReadAsync(cancellationToken))
        {
            var name = schemaReader.GetString(0);
            if (IsAdoptableName(name))
            {
                schemas.Add(name);
            }
        }

        return schemas;
    }

    /// <summary>
    /// A schema with a history table says what it has. One without (e.g. made by hand or by another framework)
    /// is probed: each migration runs inside a savepoint and is rolled back; if it fails because its objects
    /// already exist, the schema satisfies it. The first migration that would change something stops the probe,
    /// since later ones build on it; <c>migrate</c> applies the rest.
    /// </summary>
    private async Task<List<Migration>> SatisfiedMigrationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schemaName, string quotedSchema, CancellationToken cancellationToken)
    {
        await using (var select = new NpgsqlCommand($"SET LOCAL search_path TO {quotedSchema}", connection, transaction))
        {
            await select.ExecuteNonQueryAsync(cancellationToken);
        }

        var hasHistory = await MigrationHistory.ExistsAsync(connection, transaction, schemaName, cancellationToken);
        await MigrationHistory.EnsureTableAsync(connection, transaction, quotedSchema, cancellationToken);
        if (hasHistory)
        {
            var applied = await MigrationHistory.ReadAsync(connection, transaction, quotedSchema, cancellationToken);
            var pending = MigrationHistory.Pending(migrations.Set, applied, schemaName);
            return [.. migrations.Set.Migrations.TakeWhile(migration => !pending.Contains(migration))];
        }

        var satisfied = new List<Migration>();
        foreach (var migration in migrations.Set.Migrations)
        {
            await transaction.SaveAsync("probe", cancellationToken);
            var alreadyThere = false;
            try
            {
                await using var probe = new NpgsqlCommand(migration.Sql, connection, transaction);
                await probe.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exception) when (AlreadyThere.Contains(exception.SqlState))
            {
                alreadyThere = true;
            }
            catch (PostgresException)
            {
                // Fails for another reason: not satisfied; migrate will report the error with the tenant's slug.
            }

            await transaction.RollbackAsync("probe", cancellationToken);
            if (!alreadyThere)
            {
                break;
            }

            satisfied.Add(migration);
        }

        foreach (var migration in satisfied)
        {
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {quotedSchema}.{MigrationHistory.TableName} (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        return satisfied;
    }

    private static async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schemaName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = schemaName });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    private static bool IsAdoptableName(string name) =>
        name.Length is > 0 and <= 63
        && !name.StartsWith("pg_", StringComparison.Ordinal)
        && name is not ("information_schema" or "public" or CentralMigrator.Schema);
}
