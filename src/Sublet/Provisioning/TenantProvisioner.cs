using System.Globalization;
using System.Text;
using Npgsql;
using Sublet.Citus;
using Sublet.Data;
using Sublet.Migrations;
using Sublet.Sharding;
using Sublet.Tenancy;
using Sublet.Core;

namespace Sublet.Provisioning;

internal sealed class TenantProvisioner(
    ShardDataSources shards,
    TenantMigrations migrations,
    ITenantCatalog catalog,
    SlugRules slugRules,
    CitusMode citus) : ITenantProvisioner
{
    public async Task<Tenant> CreateAsync(
        string slug,
        string? shard,
        Func<TenantConnection, CancellationToken, Task>? initialize = null,
        CancellationToken cancellationToken = default)
    {
        var tenantSlug = slugRules.Validate(slug);
        var tenant = await CreateInTransactionsAsync(tenantSlug, shard, initialize, cancellationToken);

        // After the connection is back in the pool: a pool of one must still be able to reload.
        await catalog.ReloadTenantsAsync([tenant.Slug], cancellationToken);
        return tenant;
    }

    /// <summary>
    /// The catalog row and the schema commit together on the default shard. On another shard the schema commits
    /// first and the catalog row right after; should that last commit fail, the schema is dropped again.
    /// </summary>
    private async Task<Tenant> CreateInTransactionsAsync(
        TenantSlug tenantSlug,
        string? requestedShard,
        Func<TenantConnection, CancellationToken, Task>? initialize,
        CancellationToken cancellationToken)
    {
        var slug = tenantSlug.Value;
        var schema = SchemaNames.FromSlug(tenantSlug);
        var quotedSchema = SqlIdentifier.Quote(schema);

        var connection = await shards.Central.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var central = new TenantConnection(connection, transaction);

        var shard = await PickShardAsync(central, requestedShard, cancellationToken);
        var created = await CatalogStore.InsertTenantAsync(
                central.Connection, central.Transaction, tenantSlug.Value, schema, migrations.Set.LatestVersion, shard, cancellationToken)
            ?? throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Tenant '{slug}' or its schema '{schema}' already exists.");
        var createdAt = new DateTimeOffset(created, TimeSpan.Zero);

        var onCentral = shard == ShardNames.Default;
        var remote = onCentral ? null : await OpenShardAsync(shard, cancellationToken);
        await using (remote)
        {
            var scope = remote ?? central;
            var distribute = onCentral && await citus.IsEnabledAsync(central.Connection, central.Transaction, cancellationToken);
            await CreateSchemaAsync(scope, schema, quotedSchema, distribute, cancellationToken);
            if (initialize is not null)
            {
                await InitializeAsync(scope, initialize, () => UndoEndedTransactionAsync(slug, schema, shard, onCentral), cancellationToken);
            }

            if (remote is not null)
            {
                await remote.CommitAsync(cancellationToken);
            }
        }

        try
        {
            await central.CommitAsync(cancellationToken);
        }
        catch when (!onCentral)
        {
            await DropOrphanAsync(shard, quotedSchema);
            throw;
        }

        return new Tenant(tenantSlug.Value, schema, TenantStatus.Active, createdAt, shard);
    }

    /// <summary>
    /// Runs the app's <paramref name="initialize"/>, which must leave the transaction open: should it commit or roll
    /// back (through the transaction or a <c>COMMIT</c> statement), what it committed is undone and the creation fails.
    /// </summary>
    private static async Task InitializeAsync(
        TenantConnection scope, Func<TenantConnection, CancellationToken, Task> initialize, Func<Task> undo, CancellationToken cancellationToken)
    {
        var before = await TransactionIdAsync(scope, "pg_current_xact_id()", cancellationToken);
        try
        {
            await initialize(scope, cancellationToken);
        }
        catch
        {
            if (await EndedAsync(scope, before))
            {
                await undo();
            }

            throw;
        }

        if (await EndedAsync(scope, before))
        {
            await undo();
            throw new InvalidOperationException(
                "The new tenant's initialize callback ended the tenant's transaction (a commit or rollback): it must leave it open, and the tenant was not created.");
        }
    }

    private static async Task<bool> EndedAsync(TenantConnection scope, string before)
    {
        try
        {
            return !string.Equals(await TransactionIdAsync(scope, "pg_current_xact_id_if_assigned()", CancellationToken.None), before, StringComparison.Ordinal);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
        {
            // Still inside the failed transaction, which rolls back on dispose.
            return false;
        }
    }

    // Without the transaction object: Npgsql refuses one that a COMMIT statement has already ended.
    private static async Task<string> TransactionIdAsync(TenantConnection scope, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}::text", scope.Connection);
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? string.Empty;
    }

    /// <summary>Removes what a transaction ended too early left committed: the schema and, on the default shard, the catalog row.</summary>
    private async Task UndoEndedTransactionAsync(string slug, string schema, string shard, bool onCentral)
    {
        if (onCentral)
        {
            await using var connection = await shards.Central.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await CatalogStore.DeleteTenantAsync(connection, transaction, slug, schema, shard, CancellationToken.None);
            await using (var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(schema)} CASCADE", connection, transaction))
            {
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return;
        }

        await DropOrphanAsync(shard, SqlIdentifier.Quote(schema));
    }

    private async Task<string> PickShardAsync(TenantConnection central, string? requestedShard, CancellationToken cancellationToken)
    {
        if (await CatalogStore.PickShardAsync(central.Connection, central.Transaction, requestedShard, cancellationToken) is { } shard)
        {
            return shard;
        }

        if (requestedShard is null)
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, "Every shard is draining: add a shard or stop draining one.");
        }

        if (await CatalogStore.ShardExistsAsync(central.Connection, central.Transaction, requestedShard, cancellationToken))
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Shard '{requestedShard}' is draining and takes no new tenants.");
        }

        throw new TenantProvisioningException(
            TenantProvisioningError.ShardNotFound,
            await citus.IsEnabledAsync(central.Connection, central.Transaction, cancellationToken)
                ? $"No shard '{requestedShard}': on Citus, Citus places each new tenant on a worker; create it without --shard, then 'tenants move' it to a worker if need be."
                : $"No shard '{requestedShard}'.");
    }

    private async Task<TenantConnection> OpenShardAsync(string shard, CancellationToken cancellationToken)
    {
        // The catalog this process loaded may predate the shard: the row just read says it exists.
        var dataSource = await shards.ForAsync(shard, catalog, cancellationToken);

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new TenantConnection(connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CreateSchemaAsync(TenantConnection scope, string schema, string quotedSchema, bool distribute, CancellationToken cancellationToken)
    {
        try
        {
            // Schema, history table and every migration in one round trip: creation time is then the DDL's own.
            var script = new StringBuilder();
            if (distribute)
            {
                // Separate statements, as Citus needs; the transaction keeps them all or nothing on every node.
                script.AppendLine(CitusMode.DistributeNewSchemasSql);
            }

            script.AppendLine(CultureInfo.InvariantCulture, $"CREATE SCHEMA {quotedSchema};")
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
    }

    private async Task DropOrphanAsync(string shard, string quotedSchema)
    {
        try
        {
            await using var drop = shards.For(shard).CreateCommand($"DROP SCHEMA IF EXISTS {quotedSchema} CASCADE");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The catalog never named it, so nothing routes there; `tenants adopt --list` shows it for clean-up.
        }
    }
}
