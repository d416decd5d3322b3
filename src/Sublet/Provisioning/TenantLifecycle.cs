using Npgsql;
using Sublet.Migrations;
using Sublet.Sessions;
using Sublet.Tenancy;

namespace Sublet.Provisioning;

internal sealed class TenantLifecycle(
    NpgsqlDataSource dataSource,
    TenantMigrations migrations,
    ITenantCatalog catalog,
    SlugRules slugRules,
    SchemaArchiver archiver,
    ITenantSessions sessions) : ITenantLifecycle
{
    private const string Columns = "slug, schema_name, status, created_at, migration_version";

    // Errors meaning "this object is already there": the schema already has what the migration makes.
    private static readonly HashSet<string> AlreadyThere =
    [
        PostgresErrorCodes.DuplicateTable,
        PostgresErrorCodes.DuplicateObject,
        PostgresErrorCodes.DuplicateColumn,
        PostgresErrorCodes.DuplicateFunction,
        PostgresErrorCodes.DuplicateSchema,
    ];

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM sublet.tenant ORDER BY slug");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<TenantInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(Read(reader));
        }

        return tenants;
    }

    public async Task<TenantInfo> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM sublet.tenant WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : throw NotFound(slug);
    }

    public async Task<TenantInfo> SuspendAsync(string slug, CancellationToken cancellationToken = default)
    {
        // Status first, so servers stop accepting logins (403) as they reload; then the sessions already made end.
        var tenant = await SetStatusAsync(slug, "suspended", cancellationToken);
        await sessions.RevokeTenantAsync(tenant.Slug, cancellationToken);
        return tenant;
    }

    public Task<TenantInfo> ResumeAsync(string slug, CancellationToken cancellationToken = default) =>
        SetStatusAsync(slug, "active", cancellationToken);

    public async Task<TenantInfo> RenameAsync(string slug, string newSlug, CancellationToken cancellationToken = default)
    {
        var target = slugRules.Validate(newSlug);
        TenantInfo? renamed;
        try
        {
            renamed = await RenameRowAsync(slug, target.Value, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Tenant '{target.Value}' already exists.");
        }

        await catalog.ReloadAsync(cancellationToken);
        return renamed ?? throw NotFound(slug);
    }

    /// <summary>
    /// Sessions name their tenant by slug, so a rename ends them: a session must never follow its tenant to a host
    /// it was not issued on. The row is locked first, so a login finishing meanwhile cannot slip a session in
    /// between the delete and the rename.
    /// </summary>
    private async Task<TenantInfo?> RenameRowAsync(string slug, string newSlug, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new("SELECT 1 FROM sublet.tenant WHERE slug = $1 FOR UPDATE") { Parameters = { new() { Value = slug } } });
            batch.BatchCommands.Add(new(TenantSessions.DeleteTenantSql) { Parameters = { new() { Value = slug } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        TenantInfo? renamed;
        await using (var update = new NpgsqlCommand($"UPDATE sublet.tenant SET slug = $2 WHERE slug = $1 RETURNING {Columns}", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = slug });
            update.Parameters.Add(new NpgsqlParameter { Value = newSlug });
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            renamed = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        await transaction.CommitAsync(cancellationToken);
        return renamed;
    }

    public async Task DeleteAsync(string slug, string? archivePath = null, CancellationToken cancellationToken = default)
    {
        var tenant = await GetAsync(slug, cancellationToken);
        if (archivePath is not null)
        {
            await archiver.DumpSchemaAsync(tenant.SchemaName, archivePath, cancellationToken);
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var delete = new NpgsqlCommand("DELETE FROM sublet.tenant WHERE slug = $1 AND schema_name = $2", connection, transaction))
            {
                delete.Parameters.Add(new NpgsqlParameter { Value = tenant.Slug });
                delete.Parameters.Add(new NpgsqlParameter { Value = tenant.SchemaName });
                if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    throw NotFound(slug);
                }
            }

            // The tenant's sessions go with its row (ON DELETE CASCADE), so a tenant made later under the same
            // slug never accepts them. The name comes from the catalog row just deleted, never from the caller.
            await using (var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(tenant.SchemaName)} CASCADE", connection, transaction))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await catalog.ReloadAsync(cancellationToken);
    }

    public async Task<TenantAdoption> AdoptAsync(string schemaName, string? slug = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        if (!IsAdoptableName(schemaName))
        {
            throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Schema '{schemaName}' is a system or shared schema and cannot become a tenant.");
        }

        var tenantSlug = slugRules.Validate(slug ?? schemaName.Replace('_', '-'));
        TenantAdoption adoption;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (!await SchemaExistsAsync(connection, transaction, schemaName, cancellationToken))
            {
                throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Schema '{schemaName}' does not exist.");
            }

            DateTimeOffset createdAt;
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO sublet.tenant (slug, schema_name, migration_version) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING created_at", connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = tenantSlug.Value });
                insert.Parameters.Add(new NpgsqlParameter { Value = schemaName });
                if (await insert.ExecuteScalarAsync(cancellationToken) is not DateTime created)
                {
                    throw new TenantProvisioningException(TenantProvisioningError.AlreadyExists, $"Tenant '{tenantSlug.Value}' or schema '{schemaName}' is already in the catalog.");
                }

                createdAt = new DateTimeOffset(created, TimeSpan.Zero);
            }

            var quotedSchema = SqlIdentifier.Quote(schemaName);
            var satisfied = await SatisfiedMigrationsAsync(connection, transaction, schemaName, quotedSchema, cancellationToken);
            var version = satisfied.Count == 0 ? 0 : satisfied[^1].Version;
            await using (var update = new NpgsqlCommand("UPDATE sublet.tenant SET migration_version = $2 WHERE slug = $1", connection, transaction))
            {
                update.Parameters.Add(new NpgsqlParameter { Value = tenantSlug.Value });
                update.Parameters.Add(new NpgsqlParameter { Value = version });
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            adoption = new TenantAdoption(
                new TenantInfo(tenantSlug.Value, schemaName, TenantStatus.Active, createdAt, version),
                [.. satisfied.Select(migration => migration.Name)]);
        }

        await catalog.ReloadAsync(cancellationToken);
        return adoption;
    }

    public async Task<IReadOnlyList<string>> ListUnregisteredSchemasAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT nspname FROM pg_namespace
            WHERE nspname NOT IN (SELECT schema_name FROM sublet.tenant)
            ORDER BY nspname
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var schemas = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
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

        var hasHistory = await HasHistoryAsync(connection, transaction, schemaName, cancellationToken);
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

    private static async Task<bool> HasHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schemaName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = schemaName });
        command.Parameters.Add(new NpgsqlParameter { Value = MigrationHistory.TableName });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
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

    private async Task<TenantInfo> SetStatusAsync(string slug, string status, CancellationToken cancellationToken)
    {
        var tenant = await UpdateAsync("UPDATE sublet.tenant SET status = $2 WHERE slug = $1", slug, status, cancellationToken)
            ?? throw NotFound(slug);
        await catalog.ReloadAsync(cancellationToken);
        return tenant;
    }

    private async Task<TenantInfo?> UpdateAsync(string sql, string slug, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{sql} RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static TenantInfo Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        TenantCatalog.ParseStatus(reader.GetString(2)),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetInt32(4));

    private static TenantProvisioningException NotFound(string slug) =>
        new(TenantProvisioningError.NotFound, $"No tenant '{slug}'.");
}
