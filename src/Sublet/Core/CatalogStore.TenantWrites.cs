using Npgsql;

namespace Sublet.Core;

/// <summary>The statements that change <c>sublet.tenant</c>.</summary>
internal static partial class CatalogStore
{
    private const string SetStatusSql = "UPDATE sublet.tenant SET status = $2 WHERE slug = $1";

    /// <summary>The new tenant's creation time, or null when its slug or schema is already in the catalog.</summary>
    public static async Task<DateTime?> InsertTenantAsync(
        NpgsqlConnection central,
        NpgsqlTransaction transaction,
        string slug,
        string schema,
        int migrationVersion,
        string shard,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO sublet.tenant (slug, schema_name, migration_version, shard) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING created_at",
            central,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = slug });
        insert.Parameters.Add(new NpgsqlParameter { Value = schema });
        insert.Parameters.Add(new NpgsqlParameter { Value = migrationVersion });
        insert.Parameters.Add(new NpgsqlParameter { Value = shard });
        return await insert.ExecuteScalarAsync(cancellationToken) as DateTime?;
    }

    /// <summary>An adopted schema's row, at version 0; null when the shard is unknown or the slug or schema already catalogued.</summary>
    public static async Task<DateTime?> InsertAdoptedTenantAsync(
        NpgsqlConnection central, NpgsqlTransaction transaction, string slug, string schema, string shard, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO sublet.tenant (slug, schema_name, migration_version, shard)
            SELECT $1, $2, 0, name FROM sublet.shard WHERE name = $3
            ON CONFLICT DO NOTHING RETURNING created_at
            """,
            central,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = slug });
        insert.Parameters.Add(new NpgsqlParameter { Value = schema });
        insert.Parameters.Add(new NpgsqlParameter { Value = shard });
        return await insert.ExecuteScalarAsync(cancellationToken) as DateTime?;
    }

    /// <summary>For a batch that must hold the tenant's row until its transaction ends.</summary>
    public static NpgsqlBatchCommand LockTenant(string slug) =>
        new("SELECT 1 FROM sublet.tenant WHERE slug = $1 FOR UPDATE") { Parameters = { new() { Value = slug } } };

    /// <summary>The tenant as it now is, or null when there is no such tenant.</summary>
    public static Task<TenantInfo?> SetStatusAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string slug, string status, CancellationToken cancellationToken) =>
        UpdateTenantAsync(central, transaction, SetStatusSql, slug, status, cancellationToken);

    /// <summary>The tenant as it now is, or null when there is no such tenant.</summary>
    public static async Task<TenantInfo?> SetStatusAsync(NpgsqlDataSource central, string slug, string status, CancellationToken cancellationToken)
    {
        await using var command = central.CreateCommand($"{SetStatusSql} RETURNING {TenantColumns}");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTenantInfo(reader) : null;
    }

    /// <summary>The tenant under its new slug, or null when there is no such tenant; a taken slug is a unique violation.</summary>
    public static Task<TenantInfo?> RenameTenantAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string slug, string newSlug, CancellationToken cancellationToken) =>
        UpdateTenantAsync(central, transaction, "UPDATE sublet.tenant SET slug = $2 WHERE slug = $1", slug, newSlug, cancellationToken);

    /// <summary>Whether the row was there, with that schema on that shard, and is gone.</summary>
    public static async Task<bool> DeleteTenantAsync(
        NpgsqlConnection central, NpgsqlTransaction transaction, string slug, string schema, string shard, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand(
            "DELETE FROM sublet.tenant WHERE slug = $1 AND schema_name = $2 AND shard = $3", central, transaction);
        delete.Parameters.Add(new NpgsqlParameter { Value = slug });
        delete.Parameters.Add(new NpgsqlParameter { Value = schema });
        delete.Parameters.Add(new NpgsqlParameter { Value = shard });
        return await delete.ExecuteNonQueryAsync(cancellationToken) != 0;
    }

    public static async Task SetMigrationVersionAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string slug, int version, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("UPDATE sublet.tenant SET migration_version = $2 WHERE slug = $1", central, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = slug });
        update.Parameters.Add(new NpgsqlParameter { Value = version });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves the catalog's version forward to <paramref name="version"/>, never back.</summary>
    public static async Task RaiseMigrationVersionAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string slug, int version, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE sublet.tenant SET migration_version = $2 WHERE slug = $1 AND migration_version < $2", central, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = slug });
        update.Parameters.Add(new NpgsqlParameter { Value = version });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A statement for a migration script run with the tenant's schema first on the search path: current_schema()
    /// names the catalog row, so no value goes into the SQL text but the version, a number.
    /// </summary>
    public static string RaiseMigrationVersionOfCurrentSchemaSql(int version)
    {
        var text = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"UPDATE sublet.tenant SET migration_version = {text} WHERE schema_name = current_schema() AND migration_version < {text};";
    }

    /// <summary>Points the tenant at <paramref name="targetShard"/> if it is still on <paramref name="sourceShard"/>; whether it did.</summary>
    public static async Task<bool> SwitchShardAsync(
        NpgsqlConnection central, string slug, string targetShard, string sourceShard, CancellationToken cancellationToken)
    {
        await using var flip = new NpgsqlCommand("UPDATE sublet.tenant SET shard = $2 WHERE slug = $1 AND shard = $3", central);
        flip.Parameters.Add(new NpgsqlParameter { Value = slug });
        flip.Parameters.Add(new NpgsqlParameter { Value = targetShard });
        flip.Parameters.Add(new NpgsqlParameter { Value = sourceShard });
        return await flip.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<TenantInfo?> UpdateTenantAsync(
        NpgsqlConnection central, NpgsqlTransaction? transaction, string sql, string slug, string value, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand($"{sql} RETURNING {TenantColumns}", central, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = slug });
        update.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await update.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTenantInfo(reader) : null;
    }
}
